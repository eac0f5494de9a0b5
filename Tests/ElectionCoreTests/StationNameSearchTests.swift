import ElectionCore
import Testing

/// The station finder finds what voters type, however they spell it.
@Suite struct StationNameSearchTests {
    let boengTrabaek = StationNameSearch.Names(english: "Boeng Trabaek Pagoda, polling station 3", khmer: "វត្តបឹងត្របែក ការិយាល័យបោះឆ្នោតលេខ ៣")
    let tuolTumpung = StationNameSearch.Names(english: "Tuol Tumpung Ti Muoy High School, polling station 2", khmer: "វិទ្យាល័យទួលទំពូងទី១")
    let trab = StationNameSearch.Names(english: "Trab Commune Hall, polling station 1", khmer: "សាលាឃុំត្រាប")

    @Test func everyWordInANameIsAnExactMatch() {
        #expect(StationNameSearch("boeng PAGODA").match(boengTrabaek) == .exact)
        #expect(StationNameSearch("បឹងត្របែក").match(boengTrabaek) == .exact)
        #expect(StationNameSearch("pagoda hall").match(boengTrabaek) == nil)
    }

    @Test func commonSpellingsAreSimilar() {
        #expect(StationNameSearch("Boeung Trabek").match(boengTrabaek) == .similar)
        #expect(StationNameSearch("Toul Tom Poung").match(tuolTumpung) == .similar)
        // Latin letters find the Khmer name too, and a different name is not similar.
        #expect(StationNameSearch("Boeung Trabek").match(trab) == nil)
        #expect(StationNameSearch("Toul Tom Poung").match(boengTrabaek) == nil)
    }

    @Test func tooLittleToGoOnMatchesOnlyExactly() {
        // One consonant ("o" has none, "a" none): sounds alone would match half the country.
        #expect(StationNameSearch("b").match(trab) == .exact)
        #expect(StationNameSearch("bo").match(trab) == nil)
        #expect(StationNameSearch("   ").isEmpty)
    }
}
