package bodies_test

import (
	"context"
	"errors"
	"testing"

	"xxgk/audit"
	"xxgk/bodies"
	"xxgk/database/dbtest"
)

func TestCreateTreeAndAudit(t *testing.T) {
	ctx := context.Background()
	db := dbtest.New(t)
	s := bodies.NewStore(db)
	actor := audit.CLI("root")
	cc, _ := bodies.USCCCheckChar("11210100001234567")
	city, err := s.Create(ctx, actor, bodies.NewBody{Code: "sy", Name: "沈阳市人民政府", OrgCode: "11210100001234567" + string(cc), Level: "city"})
	if err != nil {
		t.Fatal(err)
	}
	if city.Kind != bodies.KindGovernment || city.Level != "city" {
		t.Errorf("city: kind %q level %q", city.Kind, city.Level)
	}
	c, _ := bodies.USCCCheckChar("11210100001234568")
	dept, err := s.Create(ctx, actor, bodies.NewBody{Code: "sy-fgw", Name: "沈阳市发展和改革委员会", OrgCode: "11210100001234568" + string(c), Parent: "sy",
		Office: bodies.Office{Phone: "024-22721234"}})
	if err != nil {
		t.Fatal(err)
	}
	if dept.Kind != bodies.KindDepartment || dept.Level != "city" || dept.ParentCode != "sy" || dept.Office.Phone != "024-22721234" {
		t.Errorf("department: %+v", dept)
	}
	c, _ = bodies.USCCCheckChar("11210102001234569")
	district, err := s.Create(ctx, actor, bodies.NewBody{Code: "hp", Name: "沈阳市和平区人民政府", OrgCode: "11210102001234569" + string(c), Parent: "sy"})
	if err != nil {
		t.Fatal(err)
	}
	if district.Level != "county" || len(district.Path) <= len(city.Path) || district.Path[:len(city.Path)] != city.Path {
		t.Errorf("district: level %q path %q (city %q)", district.Level, district.Path, city.Path)
	}
	kids, err := s.Children(ctx, "sy")
	if err != nil || len(kids) != 2 || kids[0].Code != "hp" {
		t.Errorf("children: %v %+v (governments first)", err, kids)
	}
	root, err := s.Root(ctx)
	if err != nil || root.Code != "sy" {
		t.Errorf("root: %v %+v", err, root)
	}
	if _, err := s.Create(ctx, actor, bodies.NewBody{Code: "sy", Name: "重复", OrgCode: "000014349"}); !errors.Is(err, bodies.ErrConflict) {
		t.Errorf("duplicate code: %v", err)
	}
	var events int
	if err := db.Get(&events, `SELECT count(*) FROM audit_events WHERE action = 'body.create'`); err != nil || events != 3 {
		t.Errorf("audit events: %d, %v; want one per body created", events, err)
	}
	if n, err := audit.Verify(ctx, db); err != nil || n != 3 {
		t.Errorf("audit chain: %d, %v", n, err)
	}
}

func TestCreateValidation(t *testing.T) {
	s := bodies.NewStore(dbtest.New(t))
	_, err := s.Create(context.Background(), audit.CLI("root"), bodies.NewBody{Code: "Bad Code", Name: "x", OrgCode: "000014348", Parent: "nowhere"})
	var v bodies.ValidationError
	if !errors.As(err, &v) {
		t.Fatalf("got %v, want a validation error", err)
	}
	for _, field := range []string{"code", "name", "org_code", "parent"} {
		if v[field] == "" {
			t.Errorf("no problem reported for %s: %v", field, v)
		}
	}
}
