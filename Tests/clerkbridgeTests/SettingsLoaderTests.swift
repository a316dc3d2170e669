import Foundation
import SyncEngine
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
        // Named, but never shown: a value may be a secret in the wrong place.
        for (name, value) in [
            ("CLERKBRIDGE_EVENTS_RATE_LIMIT", "fast"), ("CLERKBRIDGE_FORWARD_CONCURRENCY", "-7"),
            ("CLERKBRIDGE_TRUST_FORWARDED_FOR", "maybe"), ("CLERKBRIDGE_MAX_REMOVAL_FRACTION", "1.5"),
            ("CLERKBRIDGE_MAX_REMOVAL_FRACTION", "most"), ("CLERKBRIDGE_PORT", "eighty"), ("CLERKBRIDGE_LOG_LEVEL", "loud"),
            ("CLERKBRIDGE_DATABASE_URL", "mysql://root:pw-9f8e7d@db/x"), ("CLERKBRIDGE_DATABASE_URL", "postgres://root:pw-9f8e7d@db.example.com"),
        ] {
            var bad = env
            bad[name] = value
            #expect { try SettingsLoader(environment: bad).load() } throws: { "\($0)".contains(name) && !"\($0)".contains(value) && !"\($0)".contains("9f8e7d") }
        }
    }

    @Test func theCrawlConcurrencyComesFromTheFileOrTheEnvironmentWithinItsBounds() throws {
        var env = base
        env["CLERK_PUBLIC_KEY"] = "pub"
        env["CLERK_PRIVATE_KEY"] = "priv"
        #expect(try SettingsLoader(environment: env).load().crawlConcurrency == 8)
        env["CLERKBRIDGE_CONFIG"] = try file("bigcommerce:\n  crawl_concurrency: 3\n")
        let fromFile = try SettingsLoader(environment: env).load()
        #expect(fromFile.crawlConcurrency == 3)
        env["CLERKBRIDGE_CRAWL_CONCURRENCY"] = "12"
        #expect(try SettingsLoader(environment: env).load().crawlConcurrency == 12)
        for value in ["0", "17", "many"] {
            var bad = env
            bad["CLERKBRIDGE_CRAWL_CONCURRENCY"] = value
            #expect { try SettingsLoader(environment: bad).load() } throws: { "\($0)".contains("CLERKBRIDGE_CRAWL_CONCURRENCY") }
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
            ("placements:\n  mine:\n    limit: 3\n", "placements.mine.kind is required for a placement of your own (line 2)"),
            ("placements:\n  home:\n    kind: frontpage\n", "placements.home.kind (line 3)"),
            ("placements:\n  home:\n    limit: 500\n", "placements.home.limit"),
            ("placements:\n  home:\n    labels: []\n", "placements.home.labels"),
            ("placements:\n  Home Page:\n    kind: home\n", "Home Page"),
        ] {
            var bad = env
            bad["CLERKBRIDGE_CONFIG"] = try file(yaml)
            #expect { try SettingsLoader(environment: bad).load() } throws: { "\($0)".contains(named) && !"\($0)".contains("frontpage") }
        }
    }

    @Test func templatesTheEmailBlocksTokenAndThePlacementCacheAreReadAndBadValuesNamed() throws {
        var env = base
        env["CLERK_PUBLIC_KEY"] = "pub"
        env["CLERK_PRIVATE_KEY"] = "priv"
        let defaults = try SettingsLoader(environment: env).load()
        #expect(defaults.placementCacheSeconds == 30 && defaults.emailBlocksToken == nil)
        #expect(defaults.placementTemplate == nil && defaults.emailBlockTemplate == nil && defaults.placementTemplates.isEmpty)
        #expect(defaults.searchTemplate == nil)

        let shared = try file("{{#items}}{{name}}{{/items}}", ext: "mustache")
        let cart = try file("cart {{count}}", ext: "mustache")
        let email = try file("<table>{{count}}</table>", ext: "mustache")
        let search = try file("{{summary}}", ext: "mustache")
        env["CLERKBRIDGE_CONFIG"] = try file("""
            server:
              placement_cache_seconds: 0
            templates:
              placement: \(shared)
              email_block: \(email)
              search: \(search)
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
        #expect(settings.placementTemplates == ["cart": "cart {{count}}"] && settings.searchTemplate == "{{summary}}")

        for (name, value, named) in [
            ("CLERKBRIDGE_PLACEMENT_CACHE_SECONDS", "600", "CLERKBRIDGE_PLACEMENT_CACHE_SECONDS"),
            ("CLERKBRIDGE_EMAIL_BLOCKS_TOKEN", "short", "at least 16 characters"),
            ("CLERKBRIDGE_PLACEMENT_TEMPLATE", "/nonexistent/placement.mustache", "/nonexistent/placement.mustache"),
            ("CLERKBRIDGE_SEARCH_TEMPLATE", "/nonexistent/search.mustache", "/nonexistent/search.mustache"),
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
        ("storefronts:\n  - name: Bad Name\n    clerk_public_key: a\n    clerk_private_key: b\n", "storefronts[0].name (line 2) may only hold", "Bad Name"),
        ("storefronts:\n  - name: a\n    clerk_public_key: a\n", "storefronts[0].clerk_private_key is required", "tok-secret-1"),
        ("storefronts:\n  - name: a\n    channel_id: two\n    clerk_public_key: a\n    clerk_private_key: b\n",
         "line 3, column 17: `storefronts[0].channel_id` should be a whole number", "two"),
        ("storefronts:\n  - name: a\n    currency: EURO\n    clerk_public_key: a\n    clerk_private_key: b\n",
         "storefronts[0].currency (line 3) must be an ISO currency code", "EURO"),
        ("storefronts:\n  - name: a\n    clerk_public_key: a\n    clerk_private_key: b\n  - name: a\n    clerk_public_key: c\n    clerk_private_key: d\n",
         "storefronts[1].name (line 5) is declared twice", "tok-secret-1"),
        ("log:\n  level: loud\nstorefronts:\n  - name: a\n    clerk_public_key: a\n    clerk_private_key: b\n",
         "CLERKBRIDGE_LOG_LEVEL (log.level, line 2) must be one of", "loud"),
    ])
    func badFilesNameWhatIsWrong(text: String, expected: String, hidden: String) throws {
        var env = base
        env["CLERKBRIDGE_CONFIG"] = try file(text)
        #expect {
            try SettingsLoader(environment: env).load()
        } throws: { error in
            let message = "\(error)"
            return message.contains(expected) && !message.contains(hidden) && !message.contains("tok-secret-1")
        }
    }

    @Test func theLargestRemovalShareIsReadFromTheFileOrTheEnvironment() throws {
        var env = base
        env["CLERK_PUBLIC_KEY"] = "pub"
        env["CLERK_PRIVATE_KEY"] = "priv"
        #expect(try SettingsLoader(environment: env).load().maxRemovalFraction == 0.2)
        env["CLERKBRIDGE_CONFIG"] = try file("sync:\n  max_removal_fraction: 0.5\n")
        #expect(try SettingsLoader(environment: env).load().maxRemovalFraction == 0.5)
        env["CLERKBRIDGE_MAX_REMOVAL_FRACTION"] = "1"
        #expect(try SettingsLoader(environment: env).load().maxRemovalFraction == 1)
        env["CLERKBRIDGE_MAX_REMOVAL_FRACTION"] = "0"
        #expect(try SettingsLoader(environment: env).load().maxRemovalFraction == 0)
    }

    @Test func whereEachSettingCameFromIsRecordedAsItIsChosen() throws {
        var env = base
        env["CLERKBRIDGE_CONFIG"] = try file("""
            bigcommerce:
              store_hash: fromfile
              client_secret: client-secret-value
            storefronts:
              - name: us
                clerk_public_key: pub-us
                clerk_private_key: priv-us
            """)
        let flags = SettingsLoader.Flags(logLevel: "debug")
        let origins = try SettingsLoader(environment: env, flags: flags).load().origins
        func origin(_ key: String) -> SettingOrigin? { origins.first { $0.key == key } }
        #expect(origin("bigcommerce.store_hash") == SettingOrigin(key: "bigcommerce.store_hash", value: "abc123", source: .environment("BIGCOMMERCE_STORE_HASH")))
        #expect(origin("bigcommerce.client_secret") == SettingOrigin(key: "bigcommerce.client_secret", value: "***", source: .file(line: 3)))
        #expect(origin("bigcommerce.access_token")?.shown == "***")
        #expect(origin("storefronts[0].name") == SettingOrigin(key: "storefronts[0].name", value: "us", source: .file(line: 5)))
        #expect(origin("storefronts[0].clerk_private_key")?.shown == "***")
        #expect(origin("log.level") == SettingOrigin(key: "log.level", value: "debug", source: .flag("--log-level")))
        #expect(origin("server.port") == SettingOrigin(key: "server.port", value: "8080", source: .byDefault))
        #expect(origin("placements.home")?.shown == "kind home, limit 8, labels Home - Recommended for you")
        #expect(Set(origins.map(\.key)).count == origins.count, "a setting recorded twice")
        #expect(!origins.contains { $0.shown?.contains("secret-value") == true || $0.shown?.contains("tok-secret-1") == true || $0.shown == "priv-us" })
    }

    @Test func anUnreadableFileIsNamed() {
        var env = base
        env["CLERKBRIDGE_CONFIG"] = "/nonexistent/clerkbridge.yaml"
        #expect { try SettingsLoader(environment: env).load() } throws: { "\($0)".contains("/nonexistent/clerkbridge.yaml") }
    }

    @Test func audiencesTheHistoryImportAndTheAudienceIntervalAreReadAndBadValuesNamed() throws {
        let storefronts = """
            storefronts:
              - name: us
                clerk_public_key: pub-us
                clerk_private_key: priv-us
              - name: eu
                channel_id: 2
                clerk_public_key: pub-eu
                clerk_private_key: priv-eu

            """
        var env = base
        env["CLERKBRIDGE_CONFIG"] = try file(storefronts)
        let defaults = try SettingsLoader(environment: env).load()
        #expect(defaults.importHistoryOnStart && defaults.audienceInterval == .seconds(3_600) && defaults.audiences.isEmpty)

        env["CLERKBRIDGE_CONFIG"] = try file(storefronts + """
            sync:
              import_history: false
              audience_interval: 15m
            audiences:
              - clerk_audience_id: 42
                segment: "Clerk: viewed, not bought"
              - clerk_audience_id: "abc"
                storefront: eu
                segment: Lapsed EU
            """)
        let settings = try SettingsLoader(environment: env).load()
        #expect(!settings.importHistoryOnStart && settings.audienceInterval == .seconds(900))
        #expect(settings.audiences == [
            AudienceMapping(clerkAudienceID: "42", storefront: "us", segment: "Clerk: viewed, not bought"),
            AudienceMapping(clerkAudienceID: "abc", storefront: "eu", segment: "Lapsed EU"),
        ])
        env["CLERKBRIDGE_AUDIENCE_INTERVAL"] = "off"
        #expect(try SettingsLoader(environment: env).load().audienceInterval == nil)

        for (text, named) in [
            ("audiences:\n  - segment: S\n", "audiences[0].clerk_audience_id"),
            ("audiences:\n  - clerk_audience_id: 1\n", "audiences[0].segment"),
            ("audiences:\n  - clerk_audience_id: 1\n    storefront: mars\n    segment: S\n", "mars"),
            ("audiences:\n  - clerk_audience_id: 1\n    segment: S\n  - clerk_audience_id: 2\n    segment: S\n", "audiences[1].segment"),
            ("sync:\n  import_history: sometimes\n", "sync.import_history"),
            ("sync:\n  audience_interval: often\n", "sync.audience_interval"),
        ] {
            var bad = base
            bad["CLERKBRIDGE_CONFIG"] = try file(storefronts + text)
            #expect { try SettingsLoader(environment: bad).load() } throws: { "\($0)".contains(named) }
        }
    }
}
