// Package reports models the annual government information disclosure report
// (政府信息公开工作年度报告) in the national format of 国办公开办函〔2021〕30号 and the older
// 国办公开办函〔2019〕60号 trial format, checks the identities a correct report satisfies, and
// exports it as JSON, Excel and PDF.
//
// The package holds no database code: another layer computes the numbers and hands them to
// [BuildTable3], [NewCaseCounts] and the [Report] fields; everything here turns numbers into the
// national format. Labels are reproduced letter for letter from shared/spec/annual-report.md
// (full-width punctuation and curly quotes included); table 三's outcome and applicant labels come
// from package requests so that they are written down exactly once.
package reports
