package bot

import (
	"strings"
	"testing"
	"time"
)

func TestParseSchedule(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tests := []struct {
		in      string
		zone    *time.Location
		want    string
		wantErr string
	}{
		{"08:00 Europe/Berlin", nil, "08:00 Europe/Berlin daily", ""},
		{"8:30pm UTC weekdays", nil, "20:30 UTC weekdays", ""},
		{"07:15 America/New_York mon,wed,fri", nil, "07:15 America/New_York mon,wed,fri", ""},
		{"9 Asia/Tokyo fri-mon", nil, "09:00 Asia/Tokyo mon,fri,sat,sun", ""},
		{"06:00 weekends", berlin, "06:00 Europe/Berlin weekends", ""},
		{"12am UTC", nil, "00:00 UTC daily", ""},
		{"", nil, "", "give a time"},
		{"08:00", nil, "", "time zone too"},
		{"25:00 UTC", nil, "", "not a time of day"},
		{"08:60 UTC", nil, "", "not a time of day"},
		{"13pm UTC", nil, "", "1 to 12"},
		{"08:00 Mars/Olympus", nil, "", `unknown time zone "Mars/Olympus"`},
		{"08:00 ../../etc/passwd", nil, "", "unknown time zone"},
		{"08:00 Local", nil, "", "unknown time zone"},
		{"08:00 UTC someday", nil, "", "unknown days"},
		{"08:00 UTC daily extra", nil, "", "too many words"},
		{strings.Repeat("9", 100000), nil, "", "not a time of day"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseSchedule(tt.in, tt.zone)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseSchedule(%.40q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseSchedule(%q) error: %v", tt.in, err)
			}
			if got.String() != tt.want {
				t.Errorf("ParseSchedule(%q) = %q, want %q", tt.in, got, tt.want)
			}
			again, err := ParseSchedule(got.String(), nil)
			if err != nil || again.String() != got.String() {
				t.Errorf("ParseSchedule(%q) = %v, %v; canonical form does not read back", got, again, err)
			}
		})
	}
}

func TestScheduleNextAcrossDST(t *testing.T) {
	sch, err := ParseSchedule("08:00 Europe/Berlin daily", nil)
	if err != nil {
		t.Fatal(err)
	}
	// Berlin moves from UTC+1 to UTC+2 on 2025-03-30.
	t0 := time.Date(2025, 3, 28, 12, 0, 0, 0, time.UTC)
	var got []string
	for next := sch.Next(t0); len(got) < 4; next = sch.Next(next) {
		got = append(got, next.UTC().Format("01-02 15:04Z"))
	}
	want := "03-29 07:00Z 03-30 06:00Z 03-31 06:00Z 04-01 06:00Z"
	if strings.Join(got, " ") != want {
		t.Errorf("next briefs = %v, want %s (08:00 Berlin before and after the change)", got, want)
	}
}

func TestQuietHoursHold(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	q, err := ParseQuiet("22:00-07:00")
	if err != nil {
		t.Fatal(err)
	}
	at := func(h, m int) time.Time { return time.Date(2025, 6, 10, h, m, 0, 0, berlin) }
	tests := []struct {
		t, want time.Time
	}{
		{at(21, 59), at(21, 59)},
		{at(22, 0), at(31, 0)}, // next day 07:00
		{at(3, 0), at(7, 0)},
		{at(7, 0), at(7, 0)},
	}
	for _, tt := range tests {
		if got := q.Hold(tt.t, berlin); !got.Equal(tt.want) {
			t.Errorf("Hold(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
	for _, bad := range []string{"22:00", "22:00-22:00", "x-y", "22:00-31:00"} {
		if _, err := ParseQuiet(bad); err == nil {
			t.Errorf("ParseQuiet(%q) = nil error", bad)
		}
	}
	day, _ := ParseQuiet("09:00-17:00")
	if got := day.Hold(at(12, 0), berlin); !got.Equal(at(17, 0)) {
		t.Errorf("daytime quiet Hold(12:00) = %v, want 17:00", got)
	}
}
