import Testing

@testable import Sync

@Suite struct DaemonSchedulingTests {
    @Test func backoffDoublesFromTheInitialDelayUpToTheMaximum() {
        var backoff = Backoff(initial: .seconds(1), maximum: .seconds(10))
        var delays: [Duration?] = [backoff.delay]
        for _ in 0..<6 {
            backoff.recordFailure()
            delays.append(backoff.delay)
        }
        #expect(delays == [nil, .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
    }

    @Test func backoffEndsWithASuccess() {
        var backoff = Backoff()
        backoff.recordFailure()
        backoff.recordFailure()
        backoff.recordSuccess()
        #expect(backoff.delay == nil)
    }

    @Test func jitterMovesTheIntervalByAtMostItsFraction() {
        let schedule = ReconcileSchedule(interval: .seconds(60), jitter: 0.1)
        #expect(schedule.nextDelay(random: 0) == .seconds(54))
        #expect(schedule.nextDelay(random: 0.5) == .seconds(60))
        #expect(schedule.nextDelay(random: 1) == .seconds(66))
    }

    @Test(arguments: [
        ("60s", Duration.seconds(60)), ("500ms", .milliseconds(500)), ("5m", .seconds(300)),
        ("1m30s", .seconds(90)), ("1h", .seconds(3600)), ("2", .seconds(2)), ("1.5s", .milliseconds(1500)),
    ])
    func durationsAreReadAsWritten(text: String, expected: Duration) {
        #expect(DurationText.parse(text) == expected)
    }

    @Test(arguments: ["", "s", "10x", "5m3", "-1s"])
    func malformedDurationsAreRejected(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func listenAddressesNameAHostAndAPort() {
        #expect(HTTPEndpointServer.parseListen(":9090")! == ("0.0.0.0", 9090))
        #expect(HTTPEndpointServer.parseListen("127.0.0.1:0")! == ("127.0.0.1", 0))
        #expect(HTTPEndpointServer.parseListen("[::1]:8080")! == ("::1", 8080))
        #expect(HTTPEndpointServer.parseListen("9090") == nil)
    }
}
