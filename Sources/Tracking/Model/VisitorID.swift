/// A Clerk visitor id as clerkbridge accepts it: `[A-Za-z0-9]{1,32}` (clerk-api.md §4.1).
public enum VisitorID {
    /// Whether `text` is a visitor id; every route that takes one checks it here.
    public static func isValid(_ text: String) -> Bool {
        let bytes = text.utf8
        return (1...32).contains(bytes.count)
            && bytes.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
    }
}
