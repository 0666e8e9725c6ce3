package catalog_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/catalog"
	"xxgk/database/dbtest"
)

// benchCatalogCSV writes a department's catalog of n rows as an officer would export it from
// an old system: mostly published entries (a tenth drafts), most with their old index numbers
// in several schemes, a fifth normative documents with validity columns, document numbers with
// mixed brackets, joint issuers, subjects, summaries and, for half the rows, a short body text.
// The file stays under MaxImportFileSize, as any file the server accepts must.
func benchCatalogCSV(tb testing.TB, n int) []byte {
	tb.Helper()
	r := rand.New(rand.NewPCG(7, 42))
	words := []string{"优化营商环境", "城市更新", "公共资源交易", "价格监测", "节能审查", "项目审批", "乡村振兴", "数字经济",
		"安全生产", "养老服务", "义务教育", "医疗保障", "就业创业", "生态环境保护", "政务公开", "招商引资", "科技创新"}
	forms := []string{"关于印发%s实施方案的通知", "关于进一步加强%s工作的意见", "%s管理办法", "关于开展%s专项检查的通知",
		"%s工作情况的报告", "关于%s有关事项的公告"}
	columns := []string{"机构职能", "规划信息", "统计信息", "行政许可", "行政处罚", "财政预决算", "政府采购", "民生", "art20-13", "其他文件", "政策解读"}
	issuers := []string{"沈阳市发展和改革委员会", "沈阳市人民政府", "沈阳市财政局", "沈阳市工业和信息化局"}
	subjects := []string{`综合政务\政务公开`, `国民经济管理、国有资产监管\经济运行`, `财政、金融、审计\财政`, `城乡建设、环境保护\城市规划`}
	brackets := [][2]string{{"〔", "〕"}, {"[", "]"}, {"(", ")"}, {"﹝", "﹞"}}
	sentence := "为深入贯彻落实党中央、国务院决策部署，结合本市实际，制定本办法。各有关单位要高度重视，认真组织实施，确保各项措施落到实处。"

	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(importHeader)
	for i := range n {
		word := words[r.IntN(len(words))]
		formed := calendar.NewDate(2015+r.IntN(10), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		rec := make([]string, len(importHeader))
		rec[1] = fmt.Sprintf(forms[r.IntN(len(forms))], word) + fmt.Sprintf("（第%d号）", i)
		rec[4] = formed.String()
		if r.IntN(10) > 0 {
			rec[5] = formed.AddDays(r.IntN(30)).String()
			switch r.IntN(5) {
			case 0, 1:
				rec[0] = fmt.Sprintf("01527918X/%d-%05d", formed.Year(), 50000+i)
			case 2:
				rec[0] = fmt.Sprintf("FGW-%07d", i)
			} // otherwise xxgk numbers it
		}
		if r.IntN(3) > 0 {
			b := brackets[r.IntN(len(brackets))]
			rec[2] = fmt.Sprintf("沈发改%s%s%d%s%d号", []string{"", "规", "价格"}[r.IntN(3)], b[0], formed.Year(), b[1], 1+r.IntN(400))
		}
		rec[3] = issuers[0]
		if r.IntN(5) == 0 {
			rec[3] += "、" + issuers[1+r.IntN(3)]
		}
		switch k := r.IntN(50); {
		case k == 0:
			rec[6] = "规章"
		case k < 11:
			rec[6] = "行政规范性文件"
			until := formed.AddDays(5 * 365)
			rec[8] = until.String()
			switch r.IntN(10) {
			case 0:
				rec[7], rec[9] = "废止", formed.AddDays(400).String()
			case 1:
				rec[7] = "已修订"
			default:
				rec[7] = "有效"
			}
		default:
			rec[6] = "其他"
			rec[10] = columns[r.IntN(len(columns))]
		}
		rec[11] = subjects[r.IntN(len(subjects))]
		rec[12] = "本文件明确了" + word + "的目标任务、工作措施和保障机制，自发布之日起施行。"
		if r.IntN(2) == 0 {
			rec[13] = sentence + "第一条 " + word + "工作坚持统筹推进、分类施策。"
		}
		_ = w.Write(rec)
	}
	w.Flush()
	if buf.Len() > catalog.MaxImportFileSize {
		tb.Fatalf("benchmark file is %d bytes, more than the %d the importer accepts", buf.Len(), catalog.MaxImportFileSize)
	}
	return buf.Bytes()
}

// BenchmarkImport100k imports a 100,000-row CSV into a department's empty catalog, from the
// file's bytes to the commit: parsing, checks, numbering, entries, versions, outbox, audit.
// The requirement is ≥ 5,000 rows/s.
// benchCatalog is a fresh database with the city and its 发改委 for an import benchmark.
func benchCatalog(b *testing.B) (*catalog.Store, *sqlx.DB) {
	b.Helper()
	ctx := context.Background()
	db := dbtest.New(b)
	bs := bodies.NewStore(db)
	if _, err := bs.Create(ctx, audit.CLI("bench"), bodies.NewBody{Code: "sy", Name: "沈阳市人民政府", OrgCode: "000014349"}); err != nil {
		b.Fatal(err)
	}
	if _, err := bs.Create(ctx, audit.CLI("bench"), bodies.NewBody{Code: "sy-fgw", Name: "沈阳市发展和改革委员会", OrgCode: "01527918X", Parent: "sy"}); err != nil {
		b.Fatal(err)
	}
	return catalog.NewStore(db, nil), db
}

func BenchmarkImport100k(b *testing.B) {
	const n = 100_000
	data := benchCatalogCSV(b, n)
	ctx := context.Background()
	var elapsed time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, db := benchCatalog(b)
		b.StartTimer()
		start := time.Now()
		res, err := s.ImportFile(ctx, audit.CLI("bench"), "sy-fgw", "catalog.csv", bytes.NewReader(data), catalog.ImportOptions{})
		elapsed += time.Since(start)
		if err != nil {
			b.Fatalf("import: %v", truncErr(err))
		}
		if res.Rows != n {
			b.Fatalf("imported %d rows, want %d", res.Rows, n)
		}
		b.StopTimer()
		db.Close()
	}
	b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(float64(len(data))/(1<<20), "file-MiB")
}

func truncErr(err error) string {
	s := err.Error()
	if len(s) > 2000 {
		s = s[:2000]
	}
	return strings.TrimSpace(s)
}
