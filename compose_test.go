package main

import (
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// composeFile is what compose_test reads of docker-compose.yml.
type composeFile struct {
	Services map[string]struct {
		Image       string
		Command     []string
		Environment map[string]string
		Ports       []string
		Volumes     []string
		Restart     string
		DependsOn   map[string]struct{ Condition string } `yaml:"depends_on"`
	}
}

// docker-compose.yml is safe by default: Neo4j is not published (or only
// on loopback), there is no default password (compose refuses to start
// without NEO4J_PASSWORD, saying so), netagraph is published on loopback
// unless told otherwise, and a one-shot service loads samples/ before
// netagraph starts. Before: Neo4j on every interface with the password
// netagraph-dev, and an empty graph.
func TestComposeSafeByDefault(t *testing.T) {
	raw, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	neo4j, ok := c.Services["neo4j"]
	if !ok {
		t.Fatal("no neo4j service")
	}
	for _, p := range neo4j.Ports {
		if !strings.HasPrefix(p, "127.0.0.1:") {
			t.Errorf("neo4j publishes %q beyond loopback", p)
		}
	}

	// Every use of the password requires it, with a message; none has a
	// default, and the old one is gone.
	uses := regexp.MustCompile(`\$\{NEO4J_PASSWORD([^}]*)\}`).FindAllStringSubmatch(string(raw), -1)
	if len(uses) == 0 {
		t.Error("NEO4J_PASSWORD is never used")
	}
	for _, u := range uses {
		if !strings.HasPrefix(u[1], ":?") || len(strings.TrimSpace(u[1])) < 10 {
			t.Errorf("${NEO4J_PASSWORD%s}: want ${NEO4J_PASSWORD:?message}, failing with a message when unset", u[1])
		}
	}
	if strings.Contains(string(raw), "netagraph-dev") {
		t.Error("the well-known development password is still in the file")
	}
	if !strings.Contains(neo4j.Environment["NEO4J_AUTH"], "${NEO4J_PASSWORD:?") {
		t.Errorf("NEO4J_AUTH = %q, want the required password", neo4j.Environment["NEO4J_AUTH"])
	}

	api, ok := c.Services["netagraph"]
	if !ok {
		t.Fatal("no netagraph service")
	}
	for _, p := range api.Ports {
		if !regexp.MustCompile(`^\$\{NETAGRAPH_PUBLISH:-127\.0\.0\.1:\d+\}:\d+$|^127\.0\.0\.1:`).MatchString(p) {
			t.Errorf("netagraph publishes %q: want loopback by default", p)
		}
	}

	// A one-shot service loads samples/, and netagraph waits for it.
	var loader string
	for name, s := range c.Services {
		if len(s.Command) > 0 && s.Command[0] == "load" {
			loader = name
			if s.Restart != "no" {
				t.Errorf("%s: restart %q, want \"no\" (it runs once)", name, s.Restart)
			}
			mounted := false
			for _, v := range s.Volumes {
				if strings.HasPrefix(v, "./samples:") {
					dir := strings.Split(v, ":")[1]
					mounted = true
					if s.Command[len(s.Command)-1] != dir {
						t.Errorf("%s loads %q, samples/ is mounted at %q", name, s.Command[len(s.Command)-1], dir)
					}
				}
			}
			if !mounted {
				t.Errorf("%s does not mount ./samples", name)
			}
			if s.DependsOn["neo4j"].Condition != "service_healthy" {
				t.Errorf("%s does not wait for a healthy neo4j", name)
			}
		}
	}
	if loader == "" {
		t.Fatal("no service runs `netagraph load` on samples/")
	}
	if api.DependsOn[loader].Condition != "service_completed_successfully" {
		t.Errorf("netagraph depends on %s with %q, want service_completed_successfully", loader, api.DependsOn[loader].Condition)
	}

	// Where a compose client exists, it agrees.
	if docker, err := exec.LookPath("docker"); err == nil {
		if exec.Command(docker, "compose", "version").Run() == nil {
			cmd := exec.Command(docker, "compose", "config", "--quiet")
			cmd.Env = withoutEnv(os.Environ(), "NEO4J_PASSWORD")
			if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "NEO4J_PASSWORD") {
				t.Errorf("docker compose config without NEO4J_PASSWORD: %v %s", err, out)
			}
			cmd = exec.Command(docker, "compose", "config", "--quiet")
			cmd.Env = append(withoutEnv(os.Environ(), "NEO4J_PASSWORD"), "NEO4J_PASSWORD=a-test-secret")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("docker compose config: %v %s", err, out)
			}
		}
	}
}

func withoutEnv(env []string, key string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	return out
}
