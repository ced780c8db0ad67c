//go:build floor

package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/netagraph/netagraph/store/storetest"
)

// BenchmarkWriteFloor writes the same rows with the plainest Cypher (see
// store.WriteFloor): what Neo4j allows on this machine.
func BenchmarkWriteFloor(b *testing.B) {
	arts, xs := benchCorpus()
	for _, evidence := range []bool{false, true} {
		size := 100
		b.Run(fmt.Sprintf("evidence=%v", evidence), func(b *testing.B) {
			st := storetest.Open(b)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				storetest.Open(b)
				b.StartTimer()
				c0 := neo4jCPU()
				defer func() { b.ReportMetric((neo4jCPU()-c0)/float64(len(arts))*1000, "neo4j-cpu-ms/article") }()
				for j := 0; j < len(arts); j += size {
					k := min(j+size, len(arts))
					if err := st.WriteFloor(context.Background(), arts[j:k], xs[j:k], evidence); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
