package i18n

import "testing"

func TestPunctuation(t *testing.T) {
	items := []string{"a", "b"}
	tests := []struct {
		l                           Lang
		paren, list, names, clauses string
	}{
		{EN, "x (y)", "a, b", "a, b", "a; b"},
		{NL, "x (y)", "a, b", "a, b", "a; b"},
		{JA, "x（y）", "a、b", "a・b", "a、b"},
	}
	for _, tt := range tests {
		if got := "x" + Paren("y", tt.l); got != tt.paren {
			t.Errorf("%v Paren: %q", tt.l, got)
		}
		if got := List(items, tt.l); got != tt.list || got != ListText(items).In(tt.l) {
			t.Errorf("%v List: %q", tt.l, got)
		}
		if got := Names(items, tt.l); got != tt.names {
			t.Errorf("%v Names: %q", tt.l, got)
		}
		if got := Clauses(items, tt.l); got != tt.clauses || "a"+ClauseSep(tt.l)+"b" != got {
			t.Errorf("%v Clauses: %q", tt.l, got)
		}
	}
}

func TestColon(t *testing.T) {
	tests := []struct {
		l            Lang
		field, intro string
	}{
		{EN, "Why: x", "Why:"},
		{NL, "Why: x", "Why:"},
		{JA, "Why：x", "Why："},
	}
	for _, tt := range tests {
		if got := Field("Why", "x", tt.l); got != tt.field || got != "Why"+Colon(tt.l)+"x" {
			t.Errorf("%v Field: %q", tt.l, got)
		}
		if got := Intro("Why", tt.l); got != tt.intro {
			t.Errorf("%v Intro: %q", tt.l, got)
		}
	}
	for s, bad := range map[string]bool{
		"判定: x": true, "判定 : x": true, "フィルター:": true, "（例）: x": true,
		"判定：x": false, "（R: 読み込みレポート）": false, "data.ServiceName:値": false, "eventlens: 停止": false,
		"ID (0–65535) でも": true, "ファイル (0 バイト)": true, "読み込み (--tz)": true, "ID（0–65535）でも": false, "id:(26 OR 27)": false,
		"分類, カタログ項目": true, "上書きしますか?（y/n）": true, "上書きしますか？（y/n）": false, "id:26?": false, "a; b です": true, "分類、カタログ項目": false, "12,345 件": false, "id:26, level:error": false,
	} {
		if err := (Text{EN: "x", NL: "x", JA: s}).CheckJapanese(); (err != nil) != bad {
			t.Errorf("CheckJapanese(%q) = %v", s, err)
		}
	}
}
