package requests

import (
	"encoding/json"

	"xxgk/calendar"
)

// MarshalJSON writes a deadline for the API with snake_case names; zero dates are null and the
// explanation is "steps", each with its Chinese and English text.
func (d Deadline) MarshalJSON() ([]byte, error) {
	type step struct {
		Kind  StepKind      `json:"kind"`
		Date  calendar.Date `json:"date"`
		Until calendar.Date `json:"until,omitzero"`
		Days  int           `json:"days,omitempty"`
		Name  string        `json:"name,omitempty"`
		ZH    string        `json:"zh"`
		EN    string        `json:"en"`
	}
	out := struct {
		Received           calendar.Date `json:"received"`
		Start              calendar.Date `json:"start"`
		Due                calendar.Date `json:"due"`
		CorrectionDue      calendar.Date `json:"correction_due"`
		AwaitingCorrection bool          `json:"awaiting_correction"`
		Paused             bool          `json:"paused"`
		PausedSince        calendar.Date `json:"paused_since,omitzero"`
		ResumesBy          calendar.Date `json:"resumes_by,omitzero"`
		PausedDays         int           `json:"paused_days"`
		ExtensionDays      int           `json:"extension_days"`
		Provisional        bool          `json:"provisional"`
		Steps              []step        `json:"steps"`
	}{d.Received, d.Start, d.Due, d.CorrectionDue, d.AwaitingCorrection, d.Paused, d.PausedSince, d.ResumesBy,
		d.PausedDays, d.ExtensionDays, d.Provisional, make([]step, 0, len(d.Steps))}
	for _, s := range d.Steps {
		out.Steps = append(out.Steps, step{s.Kind, s.Date, s.Until, s.Days, s.Name, s.ZH, s.EN})
	}
	return json.Marshal(out)
}
