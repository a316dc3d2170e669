import CatalogMapping
import Foundation
import Testing

/// One test per row of mapping.md §3, plus which categories are synced.
@Suite struct CategoryDocumentTests {
    typealias F = Fixtures

    private func documents(includeHidden: Bool = false) -> [Int: ClerkDocument] {
        var storefront = F.storefront
        storefront.includeHiddenCategories = includeHidden
        let index = CategoryIndex(categories: F.categories, treeID: 1, includeHidden: includeHidden)
        return Dictionary(uniqueKeysWithValues: index.documents(storefront: storefront).map { ($0.id, $0) })
    }

    @Test func syncedCategoriesAreVisibleWithVisibleAncestorsInTheStorefrontTree() {
        let index = CategoryIndex(categories: F.categories, treeID: 1, includeHidden: false)
        #expect(index.syncedIDs == [10, 11, 14, 15, 16])
        #expect(index.documents(storefront: F.storefront).map(\.id) == [10, 11, 14, 15, 16])
        let hidden = CategoryIndex(categories: F.categories, treeID: 1, includeHidden: true)
        #expect(hidden.syncedIDs == [10, 11, 12, 13, 14, 15, 16])
        #expect(index.name(of: 13) == nil)
        #expect(index.path(of: 20) == nil)
    }

    @Test func idIsTheCategoryID() {
        #expect(documents()[15]?.attributes["id"] == .int(15))
    }

    @Test func nameIsTheCategoryName() {
        #expect(documents()[15]?.attributes["name"] == .string("Boots"))
    }

    @Test func urlIsBaseURLPlusPath() {
        #expect(documents()[15]?.attributes["url"] == .string("https://shop.example.com/shoes/boots/"))
    }

    @Test func subcategoriesAreSyncedImmediateChildrenAscending() {
        let visible = documents()
        #expect(visible[14]?.attributes["subcategories"] == .list([.int(15), .int(16)]))
        #expect(visible[10]?.attributes["subcategories"] == .list([.int(11)]))
        #expect(visible[11]?.attributes["subcategories"] == nil)
        #expect(documents(includeHidden: true)[10]?.attributes["subcategories"] == .list([.int(11), .int(12)]))
    }

    @Test func parentOmittedWhenZero() {
        let visible = documents()
        #expect(visible[11]?.attributes["parent"] == .int(10))
        #expect(visible[10]?.attributes["parent"] == nil)
    }

    @Test func pathFromTheRootDown() {
        #expect(documents()[15]?.attributes["path"] == .string("Shoes > Boots"))
        #expect(documents()[14]?.attributes["path"] == .string("Shoes"))
        #expect(documents(includeHidden: true)[13]?.attributes["path"] == .string("Clothing > Hidden Sale > Clearance"))
    }

    @Test func imageOmittedWhenEmpty() {
        #expect(documents()[10]?.attributes["image"] == .string("https://img/clothing.jpg"))
        #expect(documents()[11]?.attributes["image"] == nil)
    }

    @Test func descriptionIsPlainTextOmittedWhenEmpty() {
        #expect(documents()[10]?.attributes["description"] == .string("All & more"))
        #expect(documents()[11]?.attributes["description"] == nil)
    }
}
