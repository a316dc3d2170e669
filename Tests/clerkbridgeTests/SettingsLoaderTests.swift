import Foundation
import Testing

@testable import clerkbridge

@Suite("configuration")
struct SettingsLoaderTests {
    let base = ["BIGCOMMERCE_STORE_HASH": "abc123", "BIGCOMMERCE_ACCESS_TOKEN": "tok-secret-1"]

    func file(_ text: String, ext: String = "yaml") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cb-\(UUID().uuidString).\(ext)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func environmentGivesTheSingleDefaultStorefront() throws {
        var env = base
        env["CLERK_PUBLIC_KEY"] = "pub"
        env["CLERK_PRIVATE_KEY"] = "priv-secret"
        let settings = try SettingsLoader(environment: env).load()
        #expect(settings.storefronts.map(\.name) == ["default"])
        #expect(settings.storefronts[0].channelID == nil)
        #expect(settings.databaseURL == "sqlite:clerkbridge.sqlite")
        #expect(settings.clerkAPIURL.absoluteString == "https://api.clerk.io/v2")
        #expect(settings.bigCommerce.apiURL.absoluteString == "https://api.bigcommerce.com")
        #expect(settings.secrets.contains("priv-secret"))
    }

    @Test func eventSettingsComeFromTheFileOrTheEnvironmentAndBadValuesAreNamed() throws {
        var env = base
        env["CLERK_PUBLIC_KEY"] = "pub"
        env["CLERK_PRIVATE_KEY"] = "priv"
        let defaults = try SettingsLoader(environment: env).load()
        #expect(defaults.eventsRateLimit == 20 && defaults.forwardConcurrency == 32 && !defaults.trustForwardedFor)

        env["CLERKBRIDGE_CONFIG"] = try file("events:\n  rate_limit: 50\n  forward_concurrency: 64\nserver:\n  trust_forwarded_for: true\n")
        let fromFile = try SettingsLoader(environment: env).load()
        #expect(fromFile.eventsRateLimit == 50 && fromFile.forwardConcurrency == 64 && fromFile.trustForwardedFor)

        env["CLERKBRIDGE_EVENTS_RATE_LIMIT"] = "off"
        #expect(try SettingsLoader(environment: env).load().eventsRateLimit == nil)
        for (name, value) in [
            ("CLERKBRIDGE_EVENTS_RATE_LIMIT", "fast"), ("CLERKBRIDGE_FORWARD_CONCURRENCY", "0"),
            ("CLERKBRIDGE_TRUST_FORWARDED_FOR", "maybe"),
        ] {
            var bad = env
            bad[name] = value
            #expect(throws: (any Error).self) { try SettingsLoader(environment: bad).load() }
            #expect { try SettingsLoader(environment: bad).load() } throws: { "\($0)".contains(name) && "\($0)".contains(value) }
        }
    }

    @Test func placementsChangeTheBuiltInOnesAddTheMerchantsAndRefuseNonsense() throws {
        var env = base
        env["CLERK_PUBLIC_KEY"] = "pub"
        env["CLERK_PRIVATE_KEY"] = "priv"
        env["CLERKBRIDGE_CONFIG"] = try file("""
            placements:
              home:
                limit: 12
                in_stock_only: true
              outlet:
                kind: category
                labels: ["Outlet - Popular"]
                filter: on_sale = true
            """)
        let placements = try SettingsLoader(environment: env).load().placements
        #expect(placements.map(\.name) == ["home", "category", "product_alternatives", "product_complementary", "cart", "post_purchase", "outlet"])
        let home = try #require(placements.first)
        #expect(home.limit == 12 && home.inStockOnly && home.labels == ["Home - Recommended for you"])
        let outlet = try #require(placements.last)
        #expect(outlet.kind == .category && outlet.labels == ["Outlet - Popular"] && outlet.filter == "on_sale = true")

        for (yaml, named) in [
            ("placements:\n  mine:\n    limit: 3\n", "placements.mine.kind"),
            ("placements:\n  home:\n    kind: frontpage\n", "frontpage"),
            ("placements:\n  home:\n    limit: 500\n", "placements.home.limit"),
            ("placements:\n  home:\n    labels: []\n", "placements.home.labels"),
            ("placements:\n  Home Page:\n    kind: home\n", "Home Page"),
        ] {
            var bad = env
            bad["CLERKBRIDGE_CONFIG"] = try file(yaml)
            #expect { try SettingsLoader(environment: bad).load() } throws: { "\($0)".contains(named) }
        }
    }

    @Test func templatesTheEmailBlocksTokenAndThePlacementCacheAreReadAndBadValuesNamed() throws {
        var env = base
        env["CLERK_PUBLIC_KEY"] = "pub"
        env["CLERK_PRIVATE_KEY"] = "priv"
        let defaults = try SettingsLoader(environment: env).load()
        #expect(defaults.placementCacheSeconds == 30 && defaults.emailBlocksToken == nil)
        #expect(defaults.placementTemplate == nil && defaults.emailBlockTemplate == nil && defaults.placementTemplates.isEmpty)

        let shared = try file("{{#items}}{{name}}{{/items}}", ext: "mustache")
        let cart = try file("cart {{count}}", ext: "mustache")
        let email = try file("<table>{{count}}</table>", ext: "mustache")
        env["CLERKBRIDGE_CONFIG"] = try file("""
            server:
              placement_cache_seconds: 0
            templates:
              placement: \(shared)
              email_block: \(email)
            email_blocks:
              token: a-long-enough-email-token
            placements:
              cart:
                template: \(cart)
            """)
        let settings = try SettingsLoader(environment: env).load()
        #expect(settings.placementCacheSeconds == 0 && settings.emailBlocksToken == "a-long-enough-email-token")
        #expect(settings.secrets.contains("a-long-enough-email-token"))
        #expect(settings.placementTemplate == "{{#items}}{{name}}{{/items}}" && settings.emailBlockTemplate == "<table>{{count}}</table>")
        #expect(settings.placementTemplates == ["cart": "cart {{count}}"])

        for (name, value, named) in [
            ("CLERKBRIDGE_PLACEMENT_CACHE_SECONDS", "600", "CLERKBRIDGE_PLACEMENT_CACHE_SECONDS"),
            ("CLERKBRIDGE_EMAIL_BLOCKS_TOKEN", "short", "at least 16 characters"),
            ("CLERKBRIDGE_PLACEMENT_TEMPLATE", "/nonexistent/placement.mustache", "/nonexistent/placement.mustache"),
        ] {
            var bad = env
            bad[name] = value
            #expect { try SettingsLoader(environment: bad).load() } throws: { "\($0)".contains(named) && !"\($0)".contains("short") }
        }
    }

    @Test func missingTokenNamesTheVariableAndNoValue() {
        var env = base
        env["BIGCOMMERCE_ACCESS_TOKEN"] = nil
        env["CLERK_PUBLIC_KEY"] = "pub"
        env["CLERK_PRIVATE_KEY"] = "priv"
        #expect {
            try SettingsLoader(environment: env).load()
        } throws: { error in
            "\(error)".contains("BIGCOMMERCE_ACCESS_TOKEN") && "\(error)".contains("bigcommerce.access_token")
        }
    }

    @Test func yamlStorefrontsWithEnvironmentWinningOverTheFile() throws {
        let path = try file("""
            bigcommerce:
              store_hash: fromfile
              api_url: http://127.0.0.1:9/
            database_url: sqlite:/tmp/x.sqlite
            storefronts:
              - name: us
                clerk_public_key: pub-us
                clerk_private_key: priv-us
              - name: eu
                channel_id: 2
                currency: eur
                base_url: https://eu.example.com/
                clerk_public_key: pub-eu
                clerk_private_key: priv-eu
            """)
        var env = base
        env["CLERKBRIDGE_CONFIG"] = path
        env["CLERK_PUBLIC_KEY"] = "ignored"
        let settings = try SettingsLoader(environment: env).load()
        #expect(settings.bigCommerce.storeHash == "abc123")
        #expect(settings.storefronts.map(\.name) == ["us", "eu"])
        #expect(settings.storefronts[1].currency == "EUR")
        #expect(settings.storefronts[1].baseURL == "https://eu.example.com")
        #expect(settings.storefronts[1].channelID == 2)
        #expect(settings.warnings.count == 1)
        #expect(settings.databaseURL == "sqlite:/tmp/x.sqlite")
    }

    @Test func flagsWinOverEnvironment() throws {
        var env = base
        env["CLERK_PUBLIC_KEY"] = "pub"
        env["CLERK_PRIVATE_KEY"] = "priv"
        env["CLERKBRIDGE_DATABASE_URL"] = "sqlite:env.sqlite"
        let flags = SettingsLoader.Flags(databaseURL: "sqlite:flag.sqlite", logLevel: "debug")
        let settings = try SettingsLoader(environment: env, flags: flags).load()
        #expect(settings.databaseURL == "sqlite:flag.sqlite")
        #expect(settings.logLevel == .debug)
    }

    @Test func jsonFilesWorkToo() throws {
        let path = try file(#"{"storefronts": [{"name": "main", "clerk_public_key": "p", "clerk_private_key": "q"}]}"#, ext: "json")
        var env = base
        env["CLERKBRIDGE_CONFIG"] = path
        #expect(try SettingsLoader(environment: env).load().storefronts.map(\.name) == ["main"])
    }

    @Test(arguments: [
        ("storefronts:\n  - name: Bad Name\n    clerk_public_key: a\n    clerk_private_key: b\n", "storefronts[0].name"),
        ("storefronts:\n  - name: a\n    clerk_public_key: a\n", "storefronts[0].clerk_private_key"),
        ("storefronts:\n  - name: a\n    channel_id: two\n    clerk_public_key: a\n    clerk_private_key: b\n", "channel_id"),
        ("storefronts:\n  - name: a\n    currency: EURO\n    clerk_public_key: a\n    clerk_private_key: b\n", "storefronts[0].currency"),
        ("storefronts:\n  - name: a\n    clerk_public_key: a\n    clerk_private_key: b\n  - name: a\n    clerk_public_key: c\n    clerk_private_key: d\n", "declared twice"),
        ("log:\n  level: loud\nstorefronts:\n  - name: a\n    clerk_public_key: a\n    clerk_private_key: b\n", "CLERKBRIDGE_LOG_LEVEL"),
    ])
    func badFilesNameWhatIsWrong(text: String, expected: String) throws {
        var env = base
        env["CLERKBRIDGE_CONFIG"] = try file(text)
        #expect {
            try SettingsLoader(environment: env).load()
        } throws: { error in
            let message = "\(error)"
            return message.contains(expected) && !message.contains("tok-secret-1")
        }
    }

    @Test func anUnreadableFileIsNamed() {
        var env = base
        env["CLERKBRIDGE_CONFIG"] = "/nonexistent/clerkbridge.yaml"
        #expect { try SettingsLoader(environment: env).load() } throws: { "\($0)".contains("/nonexistent/clerkbridge.yaml") }
    }
}
