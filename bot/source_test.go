package bot

import "testing"

func TestSourceName(t *testing.T) {
	tests := []struct {
		src  Source
		want string
	}{
		{Source{URL: "https://www.example.org/feed.xml", Title: "Example News"}, "Example News"},
		{Source{URL: "https://www.example.org/feed.xml"}, "example.org"},
		{Source{URL: "http://news.example:8080/rss"}, "news.example"},
		{Source{URL: "/srv/newsbrief/feeds/harbour-times.xml"}, "harbour-times"},
		{Source{URL: "/srv/newsbrief/feeds/wire.tar.gz"}, "wire"},
		{Source{URL: "/srv/newsbrief/press-releases"}, "press-releases"},
		{Source{URL: "file:///srv/newsbrief/local"}, "local"},
	}
	for _, tt := range tests {
		if got := tt.src.Name(); got != tt.want {
			t.Errorf("Source{URL: %q, Title: %q}.Name() = %q, want %q", tt.src.URL, tt.src.Title, got, tt.want)
		}
	}
}
