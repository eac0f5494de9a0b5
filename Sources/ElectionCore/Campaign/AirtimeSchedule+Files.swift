import Foundation

extension AirtimeSchedule {
    /// The schedule (or one party's part) as CSV, one broadcast a line:
    /// `day,channel,start,minutes,prime,party,party_name` (party empty for the NEC's own slots).
    public func csv(of party: PartyNumber? = nil, names: [PartyNumber: String]) -> String {
        func cell(_ text: String) -> String { RegisterFile.quoted(text) }
        var text = "day,channel,start,minutes,prime,party,party_name\n"
        for b in broadcasts where party == nil || b.party == party {
            text += [b.day.iso, cell(b.channel), b.start.description, String(minutes), b.prime ? "yes" : "no",
                     b.party.map { String($0.rawValue) } ?? "", cell(b.party.flatMap { names[$0] } ?? "")].joined(separator: ",") + "\n"
        }
        return text
    }

    /// The broadcasts (of one party, or all) as an iCalendar file (RFC 5545), times in UTC from the
    /// election's local time, lines folded at 75 octets.
    public func iCalendar(
        of party: PartyNumber? = nil, names: [PartyNumber: String], utcOffsetMinutes: Int, calendarName: String, generatedAt: Date
    ) -> String {
        let stamp = Self.utc(minutes: Int((generatedAt.timeIntervalSince1970 / 60).rounded(.down)))
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Sala//Airtime//EN", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:" + Self.escaped(calendarName)]
        for b in broadcasts where party == nil || b.party == party {
            let start = b.day.daysSinceEpoch * 1_440 + b.start.minutes - utcOffsetMinutes
            lines += [
                "BEGIN:VEVENT",
                "UID:\(b.day.iso)-\(b.start.description.replacingOccurrences(of: ":", with: ""))-\(Self.slug(b.channel))@sala",
                "DTSTAMP:" + stamp,
                "DTSTART:" + Self.utc(minutes: start),
                "DTEND:" + Self.utc(minutes: start + minutes),
                "SUMMARY:" + Self.escaped("\(b.channel): " + (b.party.flatMap { names[$0] } ?? "NEC voter information")),
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.folded).joined(separator: "\r\n") + "\r\n"
    }

    /// `YYYYMMDDTHHMMSSZ` of minutes since 1970-01-01 00:00 UTC.
    static func utc(minutes: Int) -> String {
        let day = CalendarDate(daysSinceEpoch: Int((Double(minutes) / 1_440).rounded(.down)))
        let within = minutes - day.daysSinceEpoch * 1_440
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.year)\(two(day.month))\(two(day.day))T\(two(within / 60))\(two(within % 60))00Z"
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func slug(_ text: String) -> String {
        String(text.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
    }

    /// A content line folded so that no line is longer than 75 octets, never inside a character.
    static func folded(_ line: String) -> String {
        var result = "", octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result
    }
}
