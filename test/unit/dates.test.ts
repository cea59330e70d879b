// Listing dates as calendar days: the rules behind Paper.listedOn and every date argument.
import { dateKey, isCalendarDay, listingDay } from "../../src/domain";

test.each([
  ["Mar 17", "0000-03-17"],
  ["March 7", "0000-03-07"],
  ["Apr 2, 2025", "2025-04-02"],
  ["2024-03-17", "2024-03-17"],
  ["2024-03-17T10:00:00Z", "2024-03-17"],
  ["Feb 29", "0000-02-29"],
  ["2023-02-29", null],
  ["Feb 30", null],
  ["2024-13-01", null],
  ["yesterday", null],
  ["", null],
  [null, null],
])("listingDay(%p) = %p", (input, expected) => {
  expect(listingDay(input)).toBe(expected);
});

test("dateKey keeps what listingDay would refuse; isCalendarDay tells them apart", () => {
  expect(dateKey("Feb 30")).toBe("0000-02-30");
  expect(isCalendarDay("0000-02-30")).toBe(false);
  expect(isCalendarDay("2024-02-29")).toBe(true);
  expect(isCalendarDay("1900-02-29")).toBe(false);
  expect(isCalendarDay("2000-02-29")).toBe(true);
});
