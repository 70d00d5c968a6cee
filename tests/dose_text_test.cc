// Doses in words (planner/present/dose_text.cc): a load converted to the patient's
// units is an amount that can be bought or loaded (docs/formats/patient.md).
#include "planner/present/dose_text.h"

#include <gtest/gtest.h>

namespace rehab {
namespace {

Load Kg(double v) { return Load{LoadKind::kKg, v, ""}; }
Load Lb(double v) { return Load{LoadKind::kLb, v, ""}; }

TEST(DoseTextTest, OneKilogramIsTwoPoundsNotTwoPointTwo) {
  EXPECT_EQ(DescribeLoad(Kg(1), "lb", "en"), "2 lb");
}

TEST(DoseTextTest, SmallKilogramLoadsRoundToTheNearestHalfPound) {
  EXPECT_EQ(DescribeLoad(Kg(2), "lb", "en"), "4.5 lb");    // 4.41
  EXPECT_EQ(DescribeLoad(Kg(1.5), "lb", "en"), "3.5 lb");  // 3.31
  EXPECT_EQ(DescribeLoad(Kg(3), "lb", "en"), "6.5 lb");    // 6.61
}

TEST(DoseTextTest, PoundLoadsOfTenOrMoreRoundToTheSmallestPlate) {
  EXPECT_EQ(DescribeLoad(Kg(5), "lb", "en"), "10 lb");     // 11.02
  EXPECT_EQ(DescribeLoad(Kg(10), "lb", "en"), "22.5 lb");  // 22.05
}

TEST(DoseTextTest, PoundLoadsShownInKilogramsRoundToPracticalSteps) {
  EXPECT_EQ(DescribeLoad(Lb(5), "kg", "en"), "2.5 kg");  // 2.27
  EXPECT_EQ(DescribeLoad(Lb(2), "kg", "en"), "1 kg");    // 0.91
  EXPECT_EQ(DescribeLoad(Lb(25), "kg", "en"), "11 kg");  // 11.34
}

TEST(DoseTextTest, ATinyConvertedLoadNeverRoundsToNothing) {
  EXPECT_EQ(DescribeLoad(Kg(0.1), "lb", "en"), "0.5 lb");
  EXPECT_EQ(DescribeLoad(Lb(0.5), "kg", "en"), "0.5 kg");
}

TEST(DoseTextTest, ALoadInThePatientsOwnUnitIsShownAsWritten) {
  EXPECT_EQ(DescribeLoad(Kg(2.2), "kg", "en"), "2.2 kg");
  EXPECT_EQ(DescribeLoad(Lb(2.2), "lb", "en"), "2.2 lb");
}

TEST(DoseTextTest, TheDoseSentenceCarriesTheRoundedLoad) {
  Dose dose;
  dose.sets = 3;
  dose.reps = 10;
  dose.load = Kg(1);
  EXPECT_EQ(DescribeDose(dose, "lb", "en"), "3 sets of 10, 2 lb");
}

// Every part, in the order the dose reads, with the catalogue's plural forms.
TEST(DoseTextTest, ADoseOfOneSetOneSecondAndOneMinuteReadsInTheSingular) {
  Dose dose;
  dose.sets = 1;
  dose.reps = 8;
  dose.hold_seconds = 1;
  dose.minutes = 1;
  dose.load = Load{LoadKind::kBand, 0, "red"};
  dose.tempo = "3-1-3";
  dose.rest_seconds = 1;
  EXPECT_EQ(DescribeDose(dose, "kg", "en"),
            "1 set of 8, hold 1 second, 1 minute, red band, tempo 3-1-3, rest 1 second between "
            "sets");
  dose.sets = 2;
  dose.hold_seconds = 5;
  dose.minutes = 10;
  dose.load = Load{LoadKind::kRpe, 6, ""};
  dose.rest_seconds = 30;
  EXPECT_EQ(DescribeDose(dose, "kg", "en"),
            "2 sets of 8, hold 5 seconds, 10 minutes, effort 6/10, tempo 3-1-3, rest 30 seconds "
            "between sets");
}

TEST(DoseTextTest, RepsOrSetsAloneReadAsTimes) {
  Dose reps;
  reps.reps = 1;
  EXPECT_EQ(DescribeDose(reps, "kg", "en"), "1 time");
  Dose sets;
  sets.sets = 4;
  sets.load = Load{LoadKind::kBodyweight, 0, ""};
  EXPECT_EQ(DescribeDose(sets, "kg", "en"), "4 times, bodyweight");
}

Exercise SideLying(Side side) {
  Exercise e;
  e.id = "side-lying-hip-abduction";
  e.side = side;
  Illustration ill;
  ill.position = BodyPosition::kSideLying;
  e.illustration = ill;
  return e;
}

TEST(DoseTextTest, ASideLyingExerciseForTheRightLegSaysToLieOnTheLeftSide) {
  EXPECT_EQ(DescribeSide(SideLying(Side::kAffected), Side::kRight, "en"), "lying on your left side");
}

TEST(DoseTextTest, ASideLyingExerciseForTheLeftLegSaysToLieOnTheRightSide) {
  EXPECT_EQ(DescribeSide(SideLying(Side::kAffected), Side::kLeft, "en"), "lying on your right side");
}

TEST(DoseTextTest, ASideLyingExerciseForBothLegsSaysEachSideInTurn) {
  EXPECT_EQ(DescribeSide(SideLying(Side::kBoth), Side::kBoth, "en"), "lying on each side in turn");
}

TEST(DoseTextTest, AnExerciseNotDoneLyingOnItsSideNamesTheLeg) {
  Exercise e = SideLying(Side::kAffected);
  e.illustration->position = BodyPosition::kSupine;
  EXPECT_EQ(DescribeSide(e, Side::kRight, "en"), "right leg");
  e.illustration.reset();
  EXPECT_EQ(DescribeSide(e, Side::kBoth, "en"), "both legs");
}

TEST(DoseTextTest, AScheduledExerciseIsWordedWithItsResolvedSide) {
  Exercise e = SideLying(Side::kAffected);
  ScheduledExercise s;
  s.exercise = &e;
  s.side = Side::kLeft;
  EXPECT_EQ(DescribeSide(s, "en"), "lying on your right side");
}

}  // namespace
}  // namespace rehab
