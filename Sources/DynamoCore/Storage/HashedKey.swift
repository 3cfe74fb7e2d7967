/// A key with the hash a store's lookups start from (its `Digest`): worked out once when the
/// same key is about to be looked up in several stores.
package struct HashedKey: Sendable {
    package let key: String
    package let hash: UInt64

    package init(_ key: String) {
        self.key = key
        hash = Digest.of(key: key)
    }
}
