package dev.sextant.tracking.search;

import dev.sextant.api.SextantException;
import dev.sextant.tracking.search.FilterTokenizer.Kind;
import dev.sextant.tracking.search.FilterTokenizer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses MLflow's search grammar: {@code entity.key OP value [AND …]} filters and
 * {@code entity.key [ASC|DESC]} order-by clauses, for runs, experiments or a {@link SearchGrammar} of the caller's.
 */
public final class SearchParser {

    private static final Map<String, Entity> PREFIXES = Map.ofEntries(
            Map.entry("metric", Entity.METRIC), Map.entry("metrics", Entity.METRIC),
            Map.entry("param", Entity.PARAM), Map.entry("params", Entity.PARAM),
            Map.entry("parameter", Entity.PARAM), Map.entry("parameters", Entity.PARAM),
            Map.entry("tag", Entity.TAG), Map.entry("tags", Entity.TAG),
            Map.entry("attribute", Entity.ATTRIBUTE), Map.entry("attributes", Entity.ATTRIBUTE),
            Map.entry("attr", Entity.ATTRIBUTE), Map.entry("run", Entity.ATTRIBUTE),
            Map.entry("dataset", Entity.DATASET), Map.entry("datasets", Entity.DATASET));

    private static final Set<String> DATASET_KEYS = Set.of("name", "digest", "context");

    /** What is being searched decides which entities and attributes are allowed. */
    public enum Target {
        RUNS(SearchGrammar.RUNS), EXPERIMENTS(SearchGrammar.EXPERIMENTS);

        private final SearchGrammar grammar;

        Target(SearchGrammar grammar) {
            this.grammar = grammar;
        }

        public SearchGrammar grammar() {
            return grammar;
        }
    }

    private final SearchGrammar grammar;
    private final String input;
    private final List<Token> tokens;
    private int index;

    private SearchParser(SearchGrammar grammar, String input) {
        this.grammar = grammar;
        this.input = input;
        this.tokens = FilterTokenizer.tokenize(input);
    }

    /** Parses a filter; blank means no filter. */
    public static List<Comparison> parseFilter(Target target, String filter) {
        return parseFilter(target.grammar(), filter);
    }

    /** Parses a filter in a grammar of the caller's; blank means no filter. */
    public static List<Comparison> parseFilter(SearchGrammar grammar, String filter) {
        if (filter.isBlank()) {
            return List.of();
        }
        return new SearchParser(grammar, filter).filter();
    }

    /** Parses order-by clauses, each given as its own string as MLflow sends them. */
    public static List<OrderBy> parseOrderBy(Target target, List<String> clauses) {
        return parseOrderBy(target.grammar(), clauses);
    }

    /** Parses order-by clauses in a grammar of the caller's. */
    public static List<OrderBy> parseOrderBy(SearchGrammar grammar, List<String> clauses) {
        List<OrderBy> orderBy = new ArrayList<>();
        for (String clause : clauses) {
            if (!clause.isBlank()) {
                orderBy.add(new SearchParser(grammar, clause).orderBy());
            }
        }
        return List.copyOf(orderBy);
    }

    private List<Comparison> filter() {
        List<Comparison> comparisons = new ArrayList<>();
        comparisons.add(comparison());
        while (index < tokens.size()) {
            Token and = advance("AND");
            if (and.kind() != Kind.WORD || !and.text().equalsIgnoreCase("and")) {
                throw error("Expected AND at position " + and.position() + " but found '" + and.text()
                        + "'. Only AND is supported to combine clauses (no OR).");
            }
            comparisons.add(comparison());
        }
        return List.copyOf(comparisons);
    }

    private OrderBy orderBy() {
        Key key = key();
        boolean ascending = true;
        if (index < tokens.size()) {
            String direction = advance("ASC or DESC").text().toUpperCase(Locale.ROOT);
            switch (direction) {
                case "ASC" -> ascending = true;
                case "DESC" -> ascending = false;
                default -> throw error("Invalid order_by clause '" + input
                        + "'. Use '<entity>.<key> [ASC|DESC]', e.g. 'metrics.accuracy DESC'.");
            }
        }
        if (index < tokens.size()) {
            throw error("Invalid order_by clause '" + input + "': unexpected '" + tokens.get(index).text() + "'.");
        }
        return new OrderBy(key.entity, key.name, ascending);
    }

    private Comparison comparison() {
        Key key = key();
        Operator operator = operator();
        Operand operand = operand(key, operator);
        return new Comparison(key.entity, key.name, operator, operand);
    }

    private record Key(Entity entity, String name, boolean numeric) {
    }

    private Key key() {
        Token first = advance("an identifier such as metrics.accuracy");
        if (first.kind() == Kind.QUOTED_IDENTIFIER || first.kind() == Kind.WORD) {
            Entity entity = PREFIXES.get(first.text().toLowerCase(Locale.ROOT));
            if (entity != null && peek(Kind.DOT)) {
                index++;
                return resolve(entity, keyName());
            }
            // a bare word is an attribute, as in MLflow's "name LIKE 'x%'" and "start_time DESC"
            return resolve(Entity.ATTRIBUTE, first.text());
        }
        throw error("Expected an identifier such as metrics.accuracy at position " + first.position()
                + " but found '" + first.text() + "'.");
    }

    /** The key after {@code entity.}: quoted, or words joined by dots (tags.mlflow.user). */
    private String keyName() {
        Token token = advance("a key name");
        if (token.kind() == Kind.QUOTED_IDENTIFIER || token.kind() == Kind.STRING) {
            return token.text();
        }
        if (token.kind() != Kind.WORD && token.kind() != Kind.NUMBER) {
            throw error("Expected a key name at position " + token.position() + " but found '" + token.text()
                    + "'. Quote unusual keys with backticks, e.g. metrics.`my-metric`.");
        }
        StringBuilder name = new StringBuilder(token.text());
        while (peek(Kind.DOT) && index + 1 < tokens.size()
                && tokens.get(index + 1).kind() == Kind.WORD) {
            name.append('.').append(tokens.get(index + 1).text());
            index += 2;
        }
        return name.toString();
    }

    private Key resolve(Entity entity, String name) {
        return switch (entity) {
            case METRIC -> allowed(new Key(entity, name, true));
            case PARAM, DATASET -> allowed(datasetKey(entity, name));
            case TAG -> allowed(new Key(entity, name, false));
            case ATTRIBUTE -> attribute(name);
        };
    }

    private Key datasetKey(Entity entity, String name) {
        if (entity == Entity.DATASET && !DATASET_KEYS.contains(name)) {
            throw error("Invalid dataset key '" + name + "'. Use datasets.name, datasets.digest or datasets.context.");
        }
        return new Key(entity, name, false);
    }

    private Key allowed(Key key) {
        if (!grammar.entities().contains(key.entity)) {
            throw error("Invalid entity '" + key.entity.name().toLowerCase(Locale.ROOT) + "' in " + grammar.subject()
                    + " search. Use attributes (" + String.join(", ", grammar.attributeNames()) + ")"
                    + (grammar.entities().contains(Entity.TAG) ? " or tags." : "."));
        }
        return key;
    }

    private Key attribute(String name) {
        String canonical = grammar.attributes().get(name.toLowerCase(Locale.ROOT));
        if (canonical == null) {
            throw error("Invalid attribute key '" + name + "'. Valid keys are " + grammar.attributeNames() + ".");
        }
        return new Key(Entity.ATTRIBUTE, canonical, grammar.numericAttributes().contains(canonical));
    }

    private Operator operator() {
        Token token = advance("a comparison operator");
        if (token.kind() == Kind.OPERATOR) {
            return switch (token.text()) {
                case "=" -> Operator.EQ;
                case "!=" -> Operator.NE;
                case ">" -> Operator.GT;
                case ">=" -> Operator.GE;
                case "<" -> Operator.LT;
                case "<=" -> Operator.LE;
                default -> throw error("Unknown operator '" + token.text() + "'.");
            };
        }
        String word = token.text().toUpperCase(Locale.ROOT);
        if (token.kind() == Kind.WORD) {
            switch (word) {
                case "LIKE" -> {
                    return Operator.LIKE;
                }
                case "ILIKE" -> {
                    return Operator.ILIKE;
                }
                case "IN" -> {
                    return Operator.IN;
                }
                case "NOT" -> {
                    Token in = advance("IN");
                    if (in.text().equalsIgnoreCase("IN")) {
                        return Operator.NOT_IN;
                    }
                }
                default -> {
                }
            }
        }
        throw error("Expected a comparison operator (=, !=, >, >=, <, <=, LIKE, ILIKE, IN, NOT IN) at position "
                + token.position() + " but found '" + token.text() + "'.");
    }

    private Operand operand(Key key, Operator operator) {
        if (operator == Operator.IN || operator == Operator.NOT_IN) {
            if (key.numeric) {
                throw error("Operator " + operator.symbol() + " is not supported for numeric key '" + key.name + "'.");
            }
            return list();
        }
        Token value = advance("a value");
        if (key.numeric) {
            if (operator == Operator.LIKE || operator == Operator.ILIKE) {
                throw error("Operator " + operator.symbol() + " is not supported for numeric key '" + key.name
                        + "'. Use =, !=, >, >=, < or <=.");
            }
            return new Operand.Number(number(value, key));
        }
        if (value.kind() != Kind.STRING) {
            throw error("Expected a quoted string value for " + key.entity.name().toLowerCase(Locale.ROOT) + " '"
                    + key.name + "' but found '" + value.text() + "'. Quote it, e.g. '" + value.text() + "'.");
        }
        if (operator != Operator.EQ && operator != Operator.NE
                && operator != Operator.LIKE && operator != Operator.ILIKE) {
            throw error("Operator " + operator.symbol() + " is not supported for string key '" + key.name
                    + "'. Use =, !=, LIKE, ILIKE, IN or NOT IN.");
        }
        return new Operand.Text(value.text());
    }

    private double number(Token value, Key key) {
        try {
            return Double.parseDouble(value.text());
        } catch (NumberFormatException e) {
            throw error("Expected a numeric value for '" + key.name + "' but found '" + value.text() + "'.");
        }
    }

    private Operand list() {
        Token open = advance("(");
        if (open.kind() != Kind.LPAREN) {
            throw error("Expected '(' after IN at position " + open.position() + ", e.g. IN ('a', 'b').");
        }
        List<String> values = new ArrayList<>();
        while (true) {
            Token value = advance("a quoted string");
            if (value.kind() != Kind.STRING) {
                throw error("Expected a quoted string in the IN list at position " + value.position() + ".");
            }
            values.add(value.text());
            Token separator = advance(", or )");
            if (separator.kind() == Kind.RPAREN) {
                return new Operand.TextList(values);
            }
            if (separator.kind() != Kind.COMMA) {
                throw error("Expected ',' or ')' at position " + separator.position() + ".");
            }
        }
    }

    private boolean peek(Kind kind) {
        return index < tokens.size() && tokens.get(index).kind() == kind;
    }

    private Token advance(String expected) {
        if (index >= tokens.size()) {
            throw error("Unexpected end of expression: expected " + expected + ".");
        }
        return tokens.get(index++);
    }

    private SextantException error(String detail) {
        return SextantException.invalid("Invalid search expression '" + input + "': " + detail);
    }
}
