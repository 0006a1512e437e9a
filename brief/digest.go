package brief

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// DigestOptions tune Digest. The zero value is ready to use.
type DigestOptions struct {
	// MaxStories caps the stories in the digest; 0 means 10.
	MaxStories int
	// Now is the moment recency is measured from: the caller's clock. The
	// zero time leaves recency out of the ranking.
	Now time.Time
	// HalfLife is the age at which a story's recency counts half; 0 means
	// 12 hours.
	HalfLife time.Duration
	// Threshold is the similarity, above 0 and at most 1, at which two
	// articles report one story; 0 means DefaultThreshold.
	Threshold float64
}

// DefaultThreshold is the similarity (TF-IDF cosine of title and lead) at
// which Digest groups two articles into one story. On CNN/DailyMail, a copy
// with a quarter of its sentences dropped and a new title scores 0.42 and
// more against its original; unrelated articles seldom reach 0.15, and
// those past 0.3 are other stories about the same people.
const DefaultThreshold = 0.3

// ErrDigestOptions reports DigestOptions that Digest cannot use.
var ErrDigestOptions = errors.New("invalid digest options")

// Digest is what a daily brief posts: stories, best first.
type Digest struct {
	Stories []Story
	// Articles is how many articles were considered; Skipped how many of
	// the input could not be read (not UTF-8, or no words at all).
	Articles int
	Skipped  int
}

// Story is one event, however many outlets reported it.
type Story struct {
	Headline string
	// Brief is the brief of the story's lead article, with the meetings,
	// quotes and key points of other reports added where they say
	// something new.
	Brief Brief
	// Sources lists every report of the story, earliest first.
	Sources []StorySource
	// Score ranks the stories: more outlets, more recent, more prominent
	// people and places come first.
	Score float64
}

// StorySource is one outlet's report of a story.
type StorySource struct {
	Name      string // the outlet: Article.Source, or the URL's host
	Title     string
	URL       string
	Published time.Time
	ArticleID string
}

// Tuning that DigestOptions does not expose.
const (
	minCorpus         = 50
	defaultMaxStories = 10
	defaultHalfLife   = 12 * time.Hour
	// leadWords is how much of the text, after the title, describes the
	// event: enough to survive a rewrite, little enough to leave out the
	// background that stories on one subject share.
	leadWords = 200
	// leadBytes holds leadWords and more; the rest of a text is not read.
	leadBytes = 4 << 10
	// edgeFloor is the lowest similarity kept for the average linkage;
	// pairs below it count as zero.
	edgeFloor = 0.05
	// mergeFrom is how many reports besides the lead add their meetings,
	// quotes and key points to a story's brief.
	mergeFrom = 2
	maxQuotes = 4
	// maxMeetings caps the meetings a merged brief lists.
	maxMeetings = 3
)

// Digest groups articles into stories, ranks them and briefs the best
// opts.MaxStories. The order of arts does not change the result.
func (s *Summarizer) Digest(arts []Article, opts DigestOptions) (Digest, error) {
	if err := opts.fill(); err != nil {
		return Digest{}, err
	}
	g := groupArticles(arts, opts)
	d := Digest{Articles: len(g.docs), Skipped: len(arts) - len(g.docs)}
	for _, c := range g.clusters[:min(len(g.clusters), opts.MaxStories)] {
		d.Stories = append(d.Stories, s.story(g, c))
	}
	return d, nil
}

func (o *DigestOptions) fill() error {
	if o.MaxStories < 0 {
		return fmt.Errorf("%w: MaxStories %d is negative", ErrDigestOptions, o.MaxStories)
	}
	if o.HalfLife < 0 {
		return fmt.Errorf("%w: HalfLife %v is negative", ErrDigestOptions, o.HalfLife)
	}
	if o.Threshold < 0 || o.Threshold > 1 || math.IsNaN(o.Threshold) {
		return fmt.Errorf("%w: Threshold %v is not in (0, 1]", ErrDigestOptions, o.Threshold)
	}
	if o.MaxStories == 0 {
		o.MaxStories = defaultMaxStories
	}
	if o.HalfLife == 0 {
		o.HalfLife = defaultHalfLife
	}
	if o.Threshold == 0 {
		o.Threshold = DefaultThreshold
	}
	return nil
}
