import Foundation
import Hummingbird
import SyncStore
import Testing

/// The dashboard in real headless Chromium over a live `serve` router: an operator signs in, sees a dead letter,
/// opens it, replays it and watches it leave the list; and the pages at 1280 and 390 pixels wide, written to
/// `docs/` as screenshots when `CLERKBRIDGE_SCREENSHOTS` names that directory.
@Suite("dashboard in headless Chromium", .serialized)
struct AdminBrowserTests {
    /// Where screenshots are kept: `CLERKBRIDGE_SCREENSHOTS`, else nowhere.
    static let screenshots: URL? = ProcessInfo.processInfo.environment["CLERKBRIDGE_SCREENSHOTS"].flatMap {
        $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true)
    }

    /// Checks `png` is a PNG `width` pixels wide and keeps it as `name` when screenshots are kept.
    static func keep(_ png: Data, as name: String, width: Int) throws {
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "\(name) is a PNG")
        let ihdrWidth = png.count > 24 ? png[16..<20].reduce(0) { $0 << 8 | Int($1) } : 0
        #expect(ihdrWidth == width, "\(name) is \(width) px wide")
        if let directory = screenshots {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try png.write(to: directory.appendingPathComponent(name))
        }
    }

    /// Script making the page hidden or shown, as switching tabs does.
    static func visibility(hidden: Bool) -> String {
        "Object.defineProperty(document, 'hidden', {configurable: true, get: () => \(hidden)}); document.dispatchEvent(new Event('visibilitychange'))"
    }

    @Test(
        .enabled(if: Chromium.path != nil, "no chromium binary found: apt-get install chromium (.ci/run does) or set CHROMIUM"),
        .timeLimit(.minutes(3)))
    func signInSeeADeadLetterOpenItReplayItAndWatchItLeaveTheList() async throws {
        try await AdminHarness.with(products: 40) { harness in
            try await harness.seedShowcase()
            let letter = try await harness.showcaseLetter()
            let server = try await LoopbackServer.start(harness.router())
            let browser = try await HeadlessBrowser.launch(path: Chromium.path!)
            do {
                // Not signed in: the dashboard sends the browser to its sign-in form.
                try await browser.navigate("\(server.origin)/admin")
                try await browser.waitUntil("location.pathname === '/admin/sign-in' && document.querySelector('input[name=token]')", "the sign-in form")
                try await browser.type("input[name=token]", AdminHarness.adminToken)
                try await browser.click("button[type=submit]")
                try await browser.waitUntil("location.pathname === '/admin' && document.querySelector('.kpis')", "the overview after signing in")
                #expect(try await browser.evaluate("document.cookie") as? String == "", "the session cookie is HttpOnly")
                #expect(try await browser.evaluate("document.querySelector('[data-dead-letters]').textContent") as? String == "4")
                try await browser.waitUntil("document.querySelector('[data-refresh-state]').textContent === 'Live'", "the refresh to run")

                try await browser.resize(width: 1280, height: 900)
                try Self.keep(try await browser.screenshot(), as: "dashboard-overview.png", width: 1280)
                try await browser.resize(width: 390, height: 844, mobile: true)
                try await browser.waitUntil("document.documentElement.scrollWidth <= 390", "the overview to fit 390 px")
                try Self.keep(try await browser.screenshot(), as: "dashboard-overview-mobile.png", width: 390)
                try await browser.resize(width: 1280, height: 900)

                // The dead letters, through the navigation.
                try await browser.click("nav a[href='/admin/dead-letters']")
                try await browser.waitUntil("document.querySelector('tr[data-letter=\"\(letter)\"]')", "letter \(letter) in the list")
                #expect(try await browser.evaluate("document.querySelectorAll('tr[data-letter]').length") as? Int == 4)
                try Self.keep(try await browser.screenshot(), as: "dashboard-dead-letters.png", width: 1280)

                // Open it: the request as sent (private key masked) and Clerk's answer.
                try await browser.click("tr[data-letter=\"\(letter)\"] td[data-label=Entity] a")
                try await browser.waitUntil("document.querySelector('[data-letter-detail=\"\(letter)\"]')", "the letter's page")
                let request = try await browser.evaluate("document.querySelector('[data-request]').textContent") as? String ?? ""
                #expect(request.contains(#""private_key": "***""#))
                #expect(!request.contains(harness.targets[0].clerkKeys.privateKey))
                #expect((try await browser.evaluate("document.querySelector('[data-response]').textContent") as? String)?.contains("ParsingError") == true)
                #expect(try await browser.evaluate("document.querySelectorAll('.timeline li').length") as? Int == 2)
                try Self.keep(try await browser.screenshot(), as: "dashboard-dead-letter.png", width: 1280)
                try await browser.resize(width: 390, height: 844, mobile: true)
                try await browser.waitUntil("document.documentElement.scrollWidth <= 390", "the letter to fit 390 px")
                try Self.keep(try await browser.screenshot(), as: "dashboard-dead-letter-mobile.png", width: 390)
                try await browser.resize(width: 1280, height: 900)

                // Replay it: Clerk takes the product as the catalog has it now, and the letter leaves the list.
                try await browser.click("[data-replay]")
                try await browser.waitUntil(
                    "location.pathname === '/admin/dead-letters' && document.querySelector('.notice')", "the list after the replay")
                #expect((try await browser.evaluate("document.querySelector('.notice').textContent") as? String) == "Dead letter \(letter) replayed: Clerk took it.")
                #expect(try await browser.evaluate("document.querySelector('tr[data-letter=\"\(letter)\"]') === null") as? Bool == true)
                #expect(try await browser.evaluate("document.querySelectorAll('tr[data-letter]').length") as? Int == 3)
                #expect(try await harness.store.deadLetter(id: letter)?.resolvedAt != nil)
                let stored = harness.sandbox.clerkStorage.products(publicKey: harness.targets[0].clerkKeys.publicKey)[harness.productID]
                #expect(stored.map { String(decoding: $0, as: UTF8.self).contains(#""price":"12,50""#) } == false, "Clerk got the product as mapped now")
                #expect(stored != nil)

                // The other pages render and fit a phone.
                for (path, marker) in [("/admin/jobs?state=available", "tr[data-job]"), ("/admin/webhooks", ".card"), ("/admin/storefronts", ".settings")] {
                    try await browser.navigate(server.origin + path)
                    try await browser.waitUntil("document.querySelector(\(HeadlessBrowser.quoted(marker)))", path)
                    try await browser.resize(width: 390, height: 844, mobile: true)
                    try await browser.waitUntil("document.documentElement.scrollWidth <= 390", "\(path) to fit 390 px")
                    try await browser.resize(width: 1280, height: 900)
                }
                try Self.keep(try await browser.screenshot(), as: "dashboard-storefronts.png", width: 1280)
                try await browser.navigate(server.origin + "/admin/jobs?state=available")
                try Self.keep(try await browser.screenshot(), as: "dashboard-jobs.png", width: 1280)
                try await browser.navigate(server.origin + "/admin/webhooks")
                try Self.keep(try await browser.screenshot(), as: "dashboard-webhooks.png", width: 1280)
            } catch {
                browser.quit()
                await server.shutdown()
                throw error
            }
            browser.quit()
            await server.shutdown()
        }
    }

    @Test(
        .enabled(if: Chromium.path != nil, "no chromium binary found: apt-get install chromium (.ci/run does) or set CHROMIUM"),
        .timeLimit(.minutes(2)))
    func aDiscardAnsweredInPlaceRemovesTheRowAndTheOverviewRefreshesItself() async throws {
        try await AdminHarness.with(access: .init(adminToken: nil)) { harness in
            let kept = try await harness.productLetter(harness.productID)
            let discarded = try await harness.productLetter(harness.listedProducts[1])
            let server = try await LoopbackServer.start(harness.router())
            let browser = try await HeadlessBrowser.launch(path: Chromium.path!)
            do {
                // No token configured: loopback is enough, and the page gets a session for its CSRF token.
                try await browser.navigate("\(server.origin)/admin/dead-letters")
                try await browser.click("tr[data-letter=\"\(discarded)\"] form[action$='/discard'] button")
                try await browser.waitUntil("document.querySelector('tr[data-letter=\"\(discarded)\"]') === null", "the discarded row to go")
                #expect(try await browser.evaluate("document.querySelector('[data-letter-total]').textContent") as? String == "1")
                #expect((try await browser.evaluate("document.querySelector('.toast').textContent") as? String) == "Dead letter \(discarded) discarded.")
                #expect(try await harness.store.deadLetter(id: discarded)?.resolvedAt != nil)
                #expect(try await harness.store.deadLetter(id: kept)?.resolvedAt == nil)

                // The overview picks up a new letter by itself at its refresh.
                try await browser.navigate("\(server.origin)/admin")
                try await browser.evaluate("document.querySelector('[data-refresh-interval]').value = '5'; document.querySelector('[data-refresh-interval]').dispatchEvent(new Event('change'))")
                #expect(try await browser.evaluate("document.querySelector('[data-dead-letters]').textContent") as? String == "1")
                try await harness.productLetter(harness.listedProducts[2])
                try await browser.waitUntil("document.querySelector('[data-dead-letters]').textContent === '2'", "the refreshed count", timeout: .seconds(20))

                // A hidden tab stops refreshing, and refreshes at once when it shows again.
                try await browser.evaluate(Self.visibility(hidden: true))
                try await browser.waitUntil("document.querySelector('[data-refresh-state]').textContent === 'Paused'", "the refresh to pause")
                try await harness.productLetter(harness.listedProducts[3])
                try await browser.evaluate(Self.visibility(hidden: false))
                try await browser.waitUntil("document.querySelector('[data-dead-letters]').textContent === '3'", "the refresh on showing again")
                #expect(try await browser.evaluate("document.querySelector('[data-refresh-state]').textContent") as? String == "Live")
            } catch {
                browser.quit()
                await server.shutdown()
                throw error
            }
            browser.quit()
            await server.shutdown()
        }
    }
}
