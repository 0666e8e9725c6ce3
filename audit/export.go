package audit

import (
	"context"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"
)

// exportHeader names the exported columns: Chinese, as auditors file them. The hashes let an
// auditor re-check the chain outside xxgk.
var exportHeader = []string{"编号", "时间", "操作者", "角色", "机关", "操作", "对象", "变更内容", "请求编号", "客户端地址", "前一哈希", "哈希"}

// china is the zone export times are written in; the log stores UTC. It equals calendar.China,
// which audit cannot import: the calendar's store writes audit events.
var china = time.FixedZone("CST", 8*3600)

func exportRow(r Record) []string {
	return []string{
		strconv.FormatInt(r.ID, 10),
		r.At.In(china).Format("2006-01-02 15:04:05"),
		r.Actor, r.Role, r.Body, r.Action, r.Target, string(r.Changes), r.RequestID, r.ClientAddr,
		hex.EncodeToString(r.PrevHash), hex.EncodeToString(r.Hash),
	}
}

// ExportCSV writes the events f selects, oldest first, as UTF-8 CSV with a byte-order mark
// (without it, Excel on Chinese Windows reads UTF-8 as GBK).
func (l *Log) ExportCSV(ctx context.Context, w io.Writer, f Filter) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(exportHeader); err != nil {
		return err
	}
	err := l.Each(ctx, f, func(r Record) error { return cw.Write(exportRow(r)) })
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// ExportXLSX writes the events f selects, oldest first, as one worksheet, streamed row by row.
func (l *Log) ExportXLSX(ctx context.Context, w io.Writer, f Filter) error {
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "审计日志"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	widths := []float64{8, 20, 18, 9, 12, 18, 16, 60, 18, 16, 20, 20}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	row := 1
	write := func(cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, vals)
	}
	if err := write(exportHeader); err != nil {
		return err
	}
	err = l.Each(ctx, f, func(r Record) error {
		cells := exportRow(r)
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = c
		}
		vals[0] = r.ID // a number, so the sheet sorts by it
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(cell, vals)
	})
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("audit: export xlsx: %w", err)
	}
	_, err = x.WriteTo(w)
	return err
}
