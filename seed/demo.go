// Package seed loads data sets into an empty xxgk database: the demo that `make run` shows a
// newcomer (a realistic city with its departments and districts) and, later, the generated
// data sets the benchmarks use.
package seed

import (
	"context"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"

	"xxgk/accounts"
	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/calendar"
	"xxgk/database"
)

// ErrNotEmpty means the database already holds data: the demo is only ever loaded into an
// empty database, so it can never mix with real records.
var ErrNotEmpty = errors.New("the database already has bodies: the demo loads only into an empty database")

type demoBody struct {
	code, name, nameEN string
	region             string // 6-digit administrative division code, part of the credit code
	children           []demoBody
}

// The demo city: a municipal government, a dozen departments, and two districts with their
// own departments. Names and region codes are real; organisation codes are generated with
// valid check characters.
var demoTree = demoBody{"sy", "沈阳市人民政府", "Shenyang Municipal People's Government", "210100", []demoBody{
	{"sy-fgw", "沈阳市发展和改革委员会", "Shenyang Development and Reform Commission", "210100", nil},
	{"sy-jyj", "沈阳市教育局", "Shenyang Education Bureau", "210100", nil},
	{"sy-czj", "沈阳市财政局", "Shenyang Finance Bureau", "210100", nil},
	{"sy-rsj", "沈阳市人力资源和社会保障局", "Shenyang Human Resources and Social Security Bureau", "210100", nil},
	{"sy-zjj", "沈阳市住房和城乡建设局", "Shenyang Housing and Urban-Rural Development Bureau", "210100", nil},
	{"sy-sthjj", "沈阳市生态环境局", "Shenyang Ecology and Environment Bureau", "210100", nil},
	{"sy-jtj", "沈阳市交通运输局", "Shenyang Transport Bureau", "210100", nil},
	{"sy-wjw", "沈阳市卫生健康委员会", "Shenyang Health Commission", "210100", nil},
	{"sy-scjgj", "沈阳市市场监督管理局", "Shenyang Market Regulation Administration", "210100", nil},
	{"sy-zrzyj", "沈阳市自然资源局", "Shenyang Natural Resources Bureau", "210100", nil},
	{"sy-mzj", "沈阳市民政局", "Shenyang Civil Affairs Bureau", "210100", nil},
	{"sy-yshj", "沈阳市营商环境建设局", "Shenyang Business Environment Bureau", "210100", nil},
	{"hp", "沈阳市和平区人民政府", "Heping District People's Government", "210102", []demoBody{
		{"hp-jyj", "沈阳市和平区教育局", "Heping District Education Bureau", "210102", nil},
		{"hp-mzj", "沈阳市和平区民政局", "Heping District Civil Affairs Bureau", "210102", nil},
		{"hp-scjgj", "沈阳市和平区市场监督管理局", "Heping District Market Regulation Administration", "210102", nil},
		{"hp-zjj", "沈阳市和平区住房和城乡建设局", "Heping District Housing and Construction Bureau", "210102", nil},
	}},
	{"sh", "沈阳市沈河区人民政府", "Shenhe District People's Government", "210103", []demoBody{
		{"sh-jyj", "沈阳市沈河区教育局", "Shenhe District Education Bureau", "210103", nil},
		{"sh-wjj", "沈阳市沈河区卫生健康局", "Shenhe District Health Bureau", "210103", nil},
		{"sh-rsj", "沈阳市沈河区人力资源和社会保障局", "Shenhe District Human Resources and Social Security Bureau", "210103", nil},
	}},
}}

// DemoAccount is one of the demo's sign-in accounts, listed in the README and printed by
// `xxgk serve --demo`.
type DemoAccount struct {
	Username, Password string
	Role               accounts.Role
	Bodies             []accounts.Grant
	What               string
}

// DemoAccounts are the demo's accounts: one per role, and two officers to show body scopes.
func DemoAccounts() []DemoAccount {
	return []DemoAccount{
		{"admin", "xxgk-admin-demo", accounts.RoleAdmin, nil, "administrator: everything"},
		{"officer.fgw", "xxgk-officer-demo", accounts.RoleOfficer, []accounts.Grant{{BodyCode: "sy-fgw"}}, "officer of 沈阳市发展和改革委员会"},
		{"officer.hp", "xxgk-officer-demo", accounts.RoleOfficer, []accounts.Grant{{BodyCode: "hp", WithDescendants: true}}, "officer of 和平区人民政府 and all its departments"},
		{"auditor", "xxgk-auditor-demo", accounts.RoleAuditor, nil, "auditor: reads everything, exports, changes nothing"},
	}
}

// Demo is what a newcomer can try in the loaded demo beyond the accounts.
type Demo struct {
	// TrackingNo and QueryCode track one of the demo's applications on the public tracking
	// page. The query code is random on every load.
	TrackingNo, QueryCode string
}

// LoadDemo loads the demo data set into an empty database: the bodies, the demo accounts, a
// catalog of several hundred entries spread over the years since 2021, and a few hundred
// applications for disclosure since 2025 in every state, with reviews and lawsuits.
func LoadDemo(ctx context.Context, db *sqlx.DB) (Demo, error) {
	if err := loadDemoBodies(ctx, db); err != nil {
		return Demo{}, err
	}
	store := accounts.NewStore(db)
	actor := audit.Actor{Name: "seed", Role: "admin", Via: "cli"}
	for _, a := range DemoAccounts() {
		_, err := store.CreateUser(ctx, actor, accounts.NewUser{Username: a.Username, DisplayName: a.What, Role: a.Role, Password: a.Password, Bodies: a.Bodies})
		if err != nil {
			return Demo{}, fmt.Errorf("seed: account %s: %w", a.Username, err)
		}
	}
	cal, err := calendar.Default()
	if err != nil {
		return Demo{}, fmt.Errorf("seed: %w", err)
	}
	if err := loadCatalogDemo(ctx, db, cal); err != nil {
		return Demo{}, err
	}
	return loadApplicationsDemo(ctx, db, cal)
}

// loadDemoBodies loads the demo city in one transaction.
func loadDemoBodies(ctx context.Context, db *sqlx.DB) error {
	var n int
	if err := db.GetContext(ctx, &n, `SELECT count(*) FROM bodies`); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if n > 0 {
		return ErrNotEmpty
	}
	actor := audit.Actor{Name: "seed", Role: "admin", Via: "cli"}
	return database.Transact(ctx, db, func(tx *sqlx.Tx) error {
		serial := 0
		var add func(b demoBody, parent string) error
		add = func(b demoBody, parent string) error {
			serial++
			org, err := creditCode(b.region, serial)
			if err != nil {
				return err
			}
			nb := bodies.NewBody{Code: b.code, Name: b.name, NameEN: b.nameEN, OrgCode: org, Parent: parent, Office: demoOffice(b)}
			if parent == "" {
				nb.Level = "city"
			}
			if _, err := bodies.CreateTx(ctx, tx, actor, nb); err != nil {
				return fmt.Errorf("seed: body %s: %w", b.code, err)
			}
			for _, c := range b.children {
				if err := add(c, b.code); err != nil {
					return err
				}
			}
			return nil
		}
		return add(demoTree, "")
	})
}

// creditCode makes a unified social credit code for a government body (registering authority 1,
// type 1: 机关) in region with a valid GB 32100 check character.
func creditCode(region string, serial int) (string, error) {
	first := fmt.Sprintf("11%s%09d", region, 1000000+serial*37)
	c, err := bodies.USCCCheckChar(first)
	if err != nil {
		return "", err
	}
	return first + string(c), nil
}

func demoOffice(b demoBody) bodies.Office {
	return bodies.Office{
		Name:     b.name + "政府信息公开工作机构",
		Address:  "沈阳市" + map[string]string{"210100": "沈河区市府大路260号", "210102": "和平区南京北街226号", "210103": "沈河区北京街27号"}[b.region],
		Hours:    "周一至周五 8:30—11:30，13:00—17:00（法定节假日除外）",
		Phone:    "024-2272" + fmt.Sprintf("%04d", len([]rune(b.name))*97%10000),
		Email:    b.code + "@xxgk.demo",
		Postcode: map[string]string{"210100": "110013", "210102": "110001", "210103": "110011"}[b.region],
	}
}
