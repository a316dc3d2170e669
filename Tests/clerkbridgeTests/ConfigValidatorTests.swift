import Foundation
import Testing
import Yams

@testable import clerkbridge

/// The schema, the validation of a file's node tree against it, and the nearest-key suggestion.
@Suite("config file validation")
struct ConfigValidatorTests {
    func problems(_ yaml: String) throws -> [String] {
        ConfigValidator(try Yams.compose(yaml: yaml)).problems.map(\.description)
    }

    @Test func theSchemaHasExactlyConfigFilesCodingKeys() {
        let codingKeys: [String: [String]] = [
            "": ConfigFile.CodingKeys.allCases.map(\.stringValue),
            "bigcommerce": ConfigFile.BigCommerce.CodingKeys.allCases.map(\.stringValue),
            "clerk": ConfigFile.Clerk.CodingKeys.allCases.map(\.stringValue),
            "storefronts[]": ConfigFile.Storefront.CodingKeys.allCases.map(\.stringValue),
            "server": ConfigFile.Server.CodingKeys.allCases.map(\.stringValue),
            "sync": ConfigFile.Sync.CodingKeys.allCases.map(\.stringValue),
            "events": ConfigFile.Events.CodingKeys.allCases.map(\.stringValue),
            "placements.*": ConfigFile.Placement.CodingKeys.allCases.map(\.stringValue),
            "templates": ConfigFile.Templates.CodingKeys.allCases.map(\.stringValue),
            "email_blocks": ConfigFile.EmailBlocks.CodingKeys.allCases.map(\.stringValue),
            "log": ConfigFile.Log.CodingKeys.allCases.map(\.stringValue),
            "audiences[]": ConfigFile.Audience.CodingKeys.allCases.map(\.stringValue),
        ]
        #expect(Set(ConfigSchema.mappings.keys) == Set(codingKeys.keys))
        for (path, keys) in ConfigSchema.mappings {
            #expect(Set(keys) == Set(codingKeys[path] ?? []), "schema and ConfigFile disagree at `\(path)`")
        }
    }

    @Test func secretsAreTheSchemasSecretKeys() {
        for secret in [
            "bigcommerce.access_token", "bigcommerce.client_secret", "bigcommerce.webhook_secret", "admin_token", "admin_readonly_token",
            "email_blocks.token", "storefronts[0].clerk_private_key", "storefronts[12].clerk_private_key",
        ] {
            #expect(ConfigSchema.isSecret(secret), "\(secret)")
        }
        for plain in ["bigcommerce.store_hash", "bigcommerce.client_id", "storefronts[0].clerk_public_key", "database_url", "config"] {
            #expect(!ConfigSchema.isSecret(plain), "\(plain)")
        }
    }

    @Test func anUnknownKeyIsNamedByPathAndLineWithTheNearestKnownKey() throws {
        let found = try problems("""
            clerk:
              batch_sise: 100
            storefronts:
              - name: us
              - name: eu
                lokale: de
            storefront: []
            database_ur: sqlite:x.sqlite
            port: 8080
            """)
        #expect(found == [
            "line 2, column 3: `clerk.batch_sise` is not a known key; did you mean `batch_size`?",
            "line 6, column 5: `storefronts[1].lokale` is not a known key; did you mean `locale`?",
            "line 7, column 1: `storefront` is not a known key; did you mean `storefronts`?",
            "line 8, column 1: `database_ur` is not a known key; did you mean `database_url`?",
            "line 9, column 1: `port` is not a known key; did you mean `server.port`?",
        ])
    }

    @Test func aKeyNothingIsNearListsWhatTheMappingTakesAndAKeyThatIsNoNameIsNotShown() throws {
        let found = try problems("log:\n  verbosity: 3\nbigcommerce:\n  tok3n=s3cr3t-value-0123456789abcdef: 1\n")
        #expect(found.first == "line 2, column 3: `log.verbosity` is not a known key (`log` takes level, format)")
        #expect(found.count == 2 && found[1].hasPrefix("line 4, column 3: a key under `bigcommerce` is not a known key"))
        #expect(!found.joined().contains("s3cr3t"))
    }

    @Test(arguments: [
        ("storefronts:\n  - name: a\n    channel_id: [1]\n", "line 3, column 17: `storefronts[0].channel_id` should be a whole number, not a list"),
        ("storefronts:\n  - name: a\n    channel_id: two\n", "line 3, column 17: `storefronts[0].channel_id` should be a whole number"),
        ("server:\n  port: 80.5\n", "line 2, column 9: `server.port` should be a whole number"),
        ("server:\n  port: \"8080\"\n", "line 2, column 9: `server.port` should be a whole number"),
        ("bigcommerce:\n  include_variants: maybe\n", "line 2, column 21: `bigcommerce.include_variants` should be true or false"),
        ("bigcommerce: abc\n", "line 1, column 14: `bigcommerce` should be a mapping of keys to values"),
        ("bigcommerce:\n  store_hash:\n    nested: 1\n", "line 3, column 5: `bigcommerce.store_hash` should be text, not a mapping"),
        ("storefronts:\n  name: a\n", "line 2, column 3: `storefronts` should be a list, not a mapping"),
        ("storefronts:\n  - ~\n", "line 2, column 5: `storefronts[0]` should be a mapping of keys to values"),
        ("placements:\n  home: 3\n", "line 2, column 9: `placements.home` should be a mapping of keys to values"),
        ("placements:\n  home:\n    labels: a\n", "line 3, column 13: `placements.home.labels` should be a list"),
        ("sync:\n  max_removal_fraction: lots\n", "line 2, column 25: `sync.max_removal_fraction` should be a number"),
        ("- a\n- b\n", "line 1, column 1: the file should be a mapping of keys to values, not a list"),
    ])
    func aValueOfTheWrongTypeIsNamedWithTheExpectedType(yaml: String, expected: String) throws {
        #expect(try problems(yaml) == [expected])
    }

    @Test func whatTheDecoderAcceptsIsValid() throws {
        #expect(try problems("") == [])
        #expect(try problems("# nothing set yet\n") == [])
        #expect(try problems("""
            bigcommerce:
              store_hash: 123
              include_variants: yes
            clerk:
            events:
              rate_limit: 2.5
            sync:
              reconcile_interval: off
              max_removal_fraction: 1
            storefronts:
              - &us
                name: us
                channel_id: 1
                clerk_public_key: p
                clerk_private_key: q
              - <<: *us
                name: eu
            placements:
              outlet:
                kind: category
                labels: [Outlet, 42]
            """) == [])
        #expect(try problems(#"{"events": {"rate_limit": "off"}, "storefronts": [{"name": "a", "channel_id": 2}]}"#) == [])
    }

    @Test func aMergedMappingIsCheckedToo() throws {
        #expect(try problems("storefronts:\n  - &us\n    name: us\n    lokale: en\n  - <<: *us\n    name: eu\n").count == 2)
    }

    @Test func eachKeysLineIsNoted() throws {
        let validator = ConfigValidator(try Yams.compose(yaml: "bigcommerce:\n  store_hash: a\nstorefronts:\n  - name: us\n    locale: en\n"))
        #expect(validator.lines["bigcommerce.store_hash"] == 2)
        #expect(validator.lines["storefronts[0]"] == 4)
        #expect(validator.lines["storefronts[0].locale"] == 5)
    }

    @Test func yamlThatDoesNotParseIsNamedWithItsLineAndColumnAndNoContent() {
        #expect {
            try ConfigDocument.read(path: try Self.file("bigcommerce:\n  store_hash: abc\n   access_token: s3cr3t-token\n"))
        } throws: { error in
            let message = "\(error)"
            return message.contains("line 3, column 16") && message.contains("not valid YAML") && !message.contains("s3cr3t")
        }
        #expect {
            try ConfigDocument.read(path: try Self.file("server:\n  port: 1\n  port: 2\n"))
        } throws: { "\($0)".contains("`port` appears twice") }
    }

    @Test func severalProblemsAreNamedTogether() {
        #expect {
            try ConfigDocument.read(path: try Self.file("lokale: de\nclerk:\n  batch_size: many\n"))
        } throws: { error in
            "\(error)".contains("has 2 problems:\n  line 1, column 1: `lokale`") && "\(error)".contains("\n  line 3, column 15: `clerk.batch_size`")
        }
    }

    @Test(arguments: [
        ("lokale", ["name", "locale", "currency"], "locale"),
        ("storefront", ["bigcommerce", "storefronts", "server"], "storefronts"),
        ("LOCALE", ["locale"], "locale"),
        ("batchsize", ["api_url", "batch_size"], "batch_size"),
        ("public_key", ["clerk_public_key", "clerk_private_key"], "clerk_public_key"),
        ("prt", ["port", "host"], "port"),
    ])
    func theNearestKeyIsSuggested(name: String, known: [String], expected: String) {
        #expect(KeySuggestion.nearest(to: name, in: known) == expected)
    }

    @Test func nothingIsSuggestedWhenNothingIsNear() {
        #expect(KeySuggestion.nearest(to: "colour", in: ["name", "locale", "currency"]) == nil)
        #expect(KeySuggestion.nearest(to: "xy", in: ["port", "host"]) == nil)
        #expect(KeySuggestion.distance("locale", "lokale") == 1)
        #expect(KeySuggestion.distance("ab", "ba") == 1)
        #expect(KeySuggestion.distance("", "abc") == 3)
    }

    @Test func shownValuesMaskSecretsAndURLPasswords() {
        #expect(SettingOrigin(key: "bigcommerce.access_token", value: "tok", source: .byDefault).shown == "***")
        #expect(SettingOrigin(key: "storefronts[3].clerk_private_key", value: "k", source: .byDefault).shown == "***")
        #expect(SettingOrigin(key: "database_url", value: "postgres://u:pw@db:5432/x", source: .byDefault).shown == "postgres://u:***@db:5432/x")
        #expect(SettingOrigin(key: "database_url", value: "sqlite:/var/x.sqlite", source: .byDefault).shown == "sqlite:/var/x.sqlite")
        #expect(SettingOrigin(key: "bigcommerce.client_secret", value: nil, source: .byDefault).shown == nil)
    }

    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cb-validate-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
