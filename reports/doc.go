// Package reports models the annual government information disclosure report
// (政府信息公开工作年度报告) in the national format of 国办公开办函〔2021〕30号 and the older
// 国办公开办函〔2019〕60号 trial format, checks the identities a correct report satisfies, and
// exports it as JSON, Excel and PDF.
//
// The model and the exports hold no database code: they take numbers through [BuildTable3],
// [NewCaseCounts] and the [Report] fields and turn them into the national format. [Store]
// (store.go) is the database side: it counts the numbers from the catalog, the applications and
// the appeals with a fixed handful of aggregate queries, keeps the office's figures and
// narrative, locks and publishes reports, sums a government's rollup and lists the records
// behind a number; compliance.go computes the auditors' compliance figures. Labels are reproduced letter for letter from shared/spec/annual-report.md
// (full-width punctuation and curly quotes included); table 三's outcome and applicant labels come
// from package requests so that they are written down exactly once.
package reports
