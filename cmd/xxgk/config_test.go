package main

import (
	"strings"
	"testing"
)

func TestReplicaConfig(t *testing.T) {
	env := map[string]string{
		"XXGK_DATABASE_URL":         "postgres://xxgk:primary-secret@db1:5432/xxgk",
		"XXGK_DATABASE_REPLICA_URL": "postgres://xxgk:replica-secret@db2:5432/xxgk",
	}
	c := loadConfig(func(k string) string { return env[k] })
	if err := c.validate(); err != nil {
		t.Fatalf("primary and replica: %v", err)
	}
	if s := c.String(); strings.Contains(s, "secret") || !strings.Contains(s, "db2") {
		t.Errorf("start-up line %q: want the replica's host and no password", s)
	}

	delete(env, "XXGK_DATABASE_URL")
	if err := loadConfig(func(k string) string { return env[k] }).validate(); err == nil || !strings.Contains(err.Error(), "XXGK_DATABASE_REPLICA_URL") {
		t.Errorf("a replica of the embedded cluster: %v", err)
	}
	env["XXGK_DATABASE_URL"] = "postgres://db1/xxgk"
	env["XXGK_DATABASE_REPLICA_URL"] = "db2"
	if err := loadConfig(func(k string) string { return env[k] }).validate(); err == nil || !strings.Contains(err.Error(), "XXGK_DATABASE_REPLICA_URL: not a URL") {
		t.Errorf("a replica URL without a scheme: %v", err)
	}
}
