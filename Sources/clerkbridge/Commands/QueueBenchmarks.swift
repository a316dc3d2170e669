import ArgumentParser
import Foundation
import Reliability
import Synchronization
import Sandbox
import SyncEngine
import SyncStore
import Tracking

extension BenchmarkCommand {
    /// Queues a backlog of product jobs and events in the database, for `worker` processes started afterwards to
    /// drain (`Scripts/benchmark-postgres.sh` times 1, 2 and 4 of them), or waits until another run drained it.
    struct QueueBacklog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backlog",
            abstract: "Queue product jobs (the sandbox's ids) and events; or, with --wait, report when they are gone.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "Product jobs to queue, one per sandbox product (ids as `clerkbridge sandbox` numbers them).")
        var jobs = 0
        @Option(help: "Events to queue.") var events = 0
        @Option(help: "Distinct visitors the events spread over.") var visitors = 5_000
        @Flag(help: "Instead of queueing, wait until no job or event is pending and print how long that took.")
        var wait = false

        func run() async throws {
            try await runCommand {
                let settings = try options.settings()
                try await SyncDatabaseOpener.using(settings, applicationName: "clerkbridge-benchmark") { store in
                    if wait {
                        try await drain(store)
                    } else {
                        try await fill(store, settings: settings)
                    }
                }
            }
        }

        private func fill(_ store: any SyncDatabase, settings: Settings) async throws {
            let catalog = SandboxCatalog(productCount: jobs)
            let now = Date()
            let note = Array("benchmark".utf8)
            for start in stride(from: 0, to: jobs, by: 1_000) {
                let keys = (start..<min(jobs, start + 1_000)).map { (BackgroundJob.product(catalog.productID(atIndex: $0)).key, note) }
                _ = try await store.enqueue(keys, runAt: now, now: now)
            }
            try await EventLoad.queue(events, visitors: visitors, into: store, settings: settings)
            print("queued \(jobs) product jobs and \(events) events")
        }

        private func drain(_ store: any SyncDatabase) async throws {
            let started = ContinuousClock.now
            var jobsLeft = Int.max
            var eventsLeft = Int.max
            var jobsDoneAt: Duration?
            var eventsDoneAt: Duration?
            while jobsDoneAt == nil || eventsDoneAt == nil {
                let jobs = try await store.jobCounts()
                jobsLeft = [JobState.available, .retryable, .running].reduce(0) { $0 + (jobs[$1] ?? 0) }
                let events = try await store.eventCounts()
                eventsLeft = (events[.pending] ?? 0) + (events[.forwarding] ?? 0)
                if jobsLeft == 0, jobsDoneAt == nil { jobsDoneAt = ContinuousClock.now - started }
                if eventsLeft == 0, eventsDoneAt == nil { eventsDoneAt = ContinuousClock.now - started }
                try await Task.sleep(for: .milliseconds(100))
            }
            let jobs = try await store.jobCounts()
            let events = try await store.eventCounts()
            print(String(
                format: "jobs drained in %.1f s (%@), events in %.1f s (%@)", jobsDoneAt?.timeInterval ?? 0,
                "\(jobs.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", "))",
                eventsDoneAt?.timeInterval ?? 0,
                "\(events.sorted { "\($0.key)" < "\($1.key)" }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))"))
        }
    }

    /// Times how long a job queued by one connection waits before another claims it: woken by the database's
    /// notification (PostgreSQL's LISTEN/NOTIFY) or found by the next poll.
    struct Wakeup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wakeup",
            abstract: "Time enqueue-to-claim across two database connections, with notifications or polling only.")

        @OptionGroup var options: GlobalOptions
        @Option(help: "Jobs to time, queued one at a time.") var samples = 100
        @Flag(help: "Do not listen for notifications: find each job by polling only.") var pollOnly = false
        @Option(help: "Seconds between polls.") var pollInterval = 1.0

        func run() async throws {
            try await runCommand {
                let settings = try options.settings()
                try await SyncDatabaseOpener.using(settings, applicationName: "clerkbridge-enqueuer") { enqueuer in
                    try await SyncDatabaseOpener.using(settings, applicationName: "clerkbridge-claimer") { claimer in
                        try await measure(enqueuer: enqueuer, claimer: claimer)
                    }
                }
            }
        }

        private func measure(enqueuer: any SyncDatabase, claimer: any SyncDatabase) async throws {
            let signal = WorkSignal()
            if !pollOnly { claimer.wakeOnNewWork(jobs: signal, events: WorkSignal()) }
            let owner = ProcessName.unique("wakeup")
            let run = String(UUID().uuidString.prefix(8))
            let storefront = "wakeup-\(run)"
            let recorder = LatencyRecorder()
            let queuedAt = Mutex<[String: ContinuousClock.Instant]>([:])
            let samples = samples
            let pollInterval = pollInterval
            // Lets the listener connect before the first sample.
            try await Task.sleep(for: .seconds(1))
            let started = ContinuousClock.now
            // The claimer idles as a worker does: claim, and when nothing is due wait for a wake or the next poll.
            let claiming = Task {
                var claimedCount = 0
                while claimedCount < samples {
                    let claimed = try await claimer.claim(
                        owner: owner, now: Date(), lease: .seconds(15), limit: 10, kinds: [.catalogReconcile])
                    let at = ContinuousClock.now
                    for job in claimed where job.key.storefront == storefront {
                        if let queued = queuedAt.withLock({ $0[job.key.entity] }) { recorder.record(at - queued, ok: true) }
                        claimedCount += 1
                    }
                    if !claimed.isEmpty { try await claimer.complete(ids: claimed.map(\.id), owner: owner, now: Date()) }
                    if claimed.isEmpty { await signal.wait(timeout: .seconds(pollInterval)) }
                }
            }
            for sample in 0..<samples {
                // The next job arrives while the claimer waits.
                try await Task.sleep(for: .milliseconds(Int.random(in: 50...250)))
                let key = JobKey(kind: .catalogReconcile, storefront: storefront, entity: "\(sample)")
                queuedAt.withLock { $0[key.entity] = ContinuousClock.now }
                _ = try await enqueuer.enqueue(key, payload: [], runAt: Date(), now: Date())
            }
            try await claiming.value
            let summary = recorder.summary(elapsed: ContinuousClock.now - started)
            print(String(
                format: "%@: %d jobs, enqueue to claim ms p50 %.2f, p90 %.2f, p99 %.2f, max %.2f",
                pollOnly ? "polling every \(pollInterval) s" : "notified (LISTEN/NOTIFY where the database has it)",
                summary.count, summary.p50, summary.p90, summary.p99, summary.max))
        }
    }
}
