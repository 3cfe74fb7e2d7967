import Testing
@testable import DynamoSim

/// Durations as the lab prints them: settings in one exact unit, lengths of time spelled out.
@Suite struct DurationTextTests {
    @Test(arguments: [(3_600_000, "1h"), (90_000, "90s"), (1_500, "1500ms"), (0, "0ms")])
    func aSettingTakesTheLargestUnitThatDividesIt(_ millis: Int64, _ text: String) {
        #expect(DurationText.of(millis) == text)
    }

    @Test(arguments: [(35_627_000, "9h53m47s"), (60_250, "1m0.250s"), (3_600_000, "1h0m0s"), (5_000, "5s"),
                      (1_007, "1.007s"), (800, "800ms")])
    func aLengthOfTimeIsSpelledInHoursMinutesAndSeconds(_ millis: Int64, _ text: String) {
        #expect(DurationText.spelled(millis) == text)
    }

    @Test(arguments: [(2_024, "2.024s"), (599_999, "599.999s"), (600_000, "600.000s (10m0s)"),
                      (33_446_607, "33446.607s (9h17m26.607s)")])
    func theClockIsInSecondsAndPastTenMinutesSpelledOutToo(_ millis: Int64, _ text: String) {
        #expect(DurationText.clock(millis) == text)
    }

    /// Under a minute in one unit; from a minute on spelled out without zero parts, as typed.
    @Test(arguments: [(1_500, "1500ms"), (45_000, "45s"), (90_000, "1m30s"), (60_000, "1m"), (60_500, "1m0.500s"),
                      (5_400_000, "1h30m"), (3_605_000, "1h5s"), (33_446_607, "9h17m26.607s"), (86_400_000, "24h")])
    func aWaitIsGivenInOneUnitOrFromAMinuteOnSpelledOut(_ millis: Int64, _ text: String) {
        #expect(DurationText.waited(millis) == text)
    }
}
