// Boots GraphiQL (loaded from the embedded UMD bundles) against the
// GraphQL endpoint named in the page's data-endpoint attribute.
(function () {
  'use strict';

  var root = document.getElementById('graphiql');
  var endpoint = root.getAttribute('data-endpoint') || '/graphql';

  // Example operations, one per tab. GraphiQL keeps the user's own tabs in
  // localStorage; these are shown when nothing has been stored yet.
  var examples = [
    [
      '# SP: leaders, allies, and stances with evidence.',
      '# (To see the network, open the explorer: /explore)',
      'query SPAllies {',
      '  party(name: "सपा") {',
      '    name',
      '    nameHi',
      '    leaders { name }',
      '    allies { name }',
      '    stances {',
      '      type',
      '      target { name }',
      '      evidence { sentence article { title } }',
      '    }',
      '  }',
      '}'
    ],
    [
      '# A chain of relations between two politicians.',
      'query AkhileshToMamata {',
      '  path(from: "Akhilesh Yadav", to: "Mamata Banerjee", maxHops: 4) {',
      '    hops {',
      '      type',
      '      from { name }',
      '      to { name }',
      '      evidence { sentence }',
      '    }',
      '  }',
      '}'
    ],
    [
      '# Nodes and edges around SP for a network view.',
      'query Network {',
      '  neighborhood(id: "party:sp", depth: 2, limit: 50) {',
      '    nodes { id label type weight }',
      '    edges { id source target type weight }',
      '  }',
      '}'
    ],
    [
      '# Search by a Hindi (Devanagari) name.',
      'query HindiSearch {',
      '  search(text: "ममता", first: 10) {',
      '    id',
      '    name',
      '    nameHi',
      '    type',
      '  }',
      '}'
    ]
  ];

  var defaultTabs = examples.map(function (lines) {
    return { query: lines.join('\n') + '\n' };
  });

  var fetcher = GraphiQL.createFetcher({ url: endpoint });

  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: defaultTabs,
      defaultEditorToolsVisibility: false,
      shouldPersistHeaders: false
    })
  );
})();
