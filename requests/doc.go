// Package requests handles applications for government information (依申请公开): intake,
// tracking, the statutory working-day clock, the officer's actions, outcomes, answer letters,
// processing fees, and administrative reviews and lawsuits.
//
// The package is named after the design; inside it the type is Application, because "request"
// already means an HTTP request everywhere else in the code.
package requests
