import GRDB

/// Stored as its raw value, so an entity kind interpolates into SQL and decodes from a row as text.
extension EntityKind: DatabaseValueConvertible {}
