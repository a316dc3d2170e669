import Foundation

/// The synced categories of one storefront (mapping.md §3), with names and root-down paths.
///
/// Synced are the categories of the storefront's tree that are visible and whose ancestors are all visible,
/// or all of the tree's categories when hidden ones are included. A parent id that is not in the tree ends
/// the ancestor chain (the category is then treated as a root for visibility and paths).
public struct CategoryIndex: Sendable {
    /// Ids of the synced categories.
    public private(set) var syncedIDs: Set<Int>
    private var categories: [Int: SourceCategory]
    private var paths: [Int: String]
    private var children: [Int: [Int]]

    /// An index with no synced categories.
    public static let empty = CategoryIndex(categories: [], treeID: nil, includeHidden: false)

    /// Builds the index.
    /// - Parameters:
    ///   - categories: categories as listed by `/v3/catalog/trees/categories` (any trees).
    ///   - treeID: the tree assigned to the storefront's channel; only its categories are considered.
    ///     `nil` means the given categories are not filtered by tree (the caller already did).
    ///   - includeHidden: the operator's `includeHiddenCategories`: sync hidden categories too.
    public init(categories: [SourceCategory], treeID: Int?, includeHidden: Bool) {
        var byID: [Int: SourceCategory] = [:]
        byID.reserveCapacity(categories.count)
        for category in categories where treeID == nil || category.treeID == treeID {
            if byID[category.id] == nil {
                byID[category.id] = category
            }
        }
        var synced = Set<Int>()
        var paths: [Int: String] = [:]
        for (id, category) in byID {
            var names = [category.name]
            var allVisible = category.isVisible
            var visited: Set<Int> = [id]
            var parentID = category.parentID
            while parentID != 0, !visited.contains(parentID), let parent = byID[parentID] {
                visited.insert(parentID)
                names.append(parent.name)
                allVisible = allVisible && parent.isVisible
                parentID = parent.parentID
            }
            if includeHidden || allVisible {
                synced.insert(id)
                paths[id] = names.reversed().joined(separator: " > ")
            }
        }
        var children: [Int: [Int]] = [:]
        for id in synced {
            let parentID = byID[id]!.parentID
            if parentID != 0, synced.contains(parentID) {
                children[parentID, default: []].append(id)
            }
        }
        for key in children.keys {
            children[key]!.sort()
        }
        self.syncedIDs = synced
        self.categories = byID.filter { synced.contains($0.key) }
        self.paths = paths
        self.children = children
    }

    /// The name of a synced category, `nil` when the category is not synced.
    public func name(of id: Int) -> String? {
        categories[id]?.name
    }

    /// The names from the root down to a synced category joined with `" > "`, `nil` when it is not synced.
    public func path(of id: Int) -> String? {
        paths[id]
    }

    /// Ids of a synced category's immediate children that are synced, ascending.
    public func subcategories(of id: Int) -> [Int] {
        children[id] ?? []
    }

    /// The Clerk category documents (mapping.md §3) of all synced categories, by ascending id.
    public func documents(storefront: Storefront) -> [ClerkDocument] {
        syncedIDs.sorted().map { id in
            let category = categories[id]!
            var attributes: [String: ClerkValue] = [
                "name": .string(category.name),
                "url": .string(storefront.baseURL + category.urlPath),
                "subcategories": .list(subcategories(of: id).map(ClerkValue.int)),
                "path": .string(paths[id] ?? category.name),
                "image": .string(category.imageURL),
                "description": .string(PlainText.fromHTML(category.description)),
            ]
            if category.parentID != 0 {
                attributes["parent"] = .int(category.parentID)
            }
            return ClerkDocument(id: id, attributes: attributes)
        }
    }
}
