import ElectionCore
import Foundation

extension Language {
    /// "23 July 2023" / "២៣ កក្កដា ២០២៣".
    func longDate(_ date: CalendarDate) -> String {
        let english = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                       "October", "November", "December"]
        let khmer = ["មករា", "កុម្ភៈ", "មីនា", "មេសា", "ឧសភា", "មិថុនា", "កក្កដា", "សីហា", "កញ្ញា", "តុលា",
                     "វិច្ឆិកា", "ធ្នូ"]
        return "\(digits(date.day)) \(pick(english[date.month - 1], khmer[date.month - 1])) \(digits(date.year))"
    }

    /// A moment as the election's people read it, in its local time: "6 December 2026, 14:10:11
    /// (UTC+7)" / "៦ ធ្នូ ២០២៦, ១៤:១០:១១ (UTC+៧)".
    func moment(_ instant: Date, utcOffsetMinutes: Int) -> String {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + utcOffsetMinutes * 60
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let inDay = seconds - days * 86_400
        let two = { (n: Int) in self.digits(n / 10) + self.digits(n % 10) }
        let clock = "\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))"
        let hours = abs(utcOffsetMinutes) / 60, minutes = abs(utcOffsetMinutes) % 60
        let offset = (utcOffsetMinutes < 0 ? "−" : "+") + digits(hours) + (minutes == 0 ? "" : ":" + two(minutes))
        return "\(longDate(CalendarDate(daysSinceEpoch: days))), \(clock) (UTC\(offset))"
    }
}
