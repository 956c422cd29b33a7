package dev.sextant.tracking.search;

import dev.sextant.api.SextantException;
import java.util.ArrayList;
import java.util.List;

/** Splits an MLflow filter or order-by string into tokens. */
final class FilterTokenizer {

    enum Kind { WORD, QUOTED_IDENTIFIER, STRING, NUMBER, OPERATOR, DOT, COMMA, LPAREN, RPAREN }

    record Token(Kind kind, String text, int position) {
    }

    private final String input;
    private int pos;

    private FilterTokenizer(String input) {
        this.input = input;
    }

    static List<Token> tokenize(String input) {
        return new FilterTokenizer(input).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (pos >= input.length()) {
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
            pos++;
        }
    }

    private Token next() {
        int start = pos;
        char c = input.charAt(pos);
        switch (c) {
            case '\'', '"' -> {
                return new Token(Kind.STRING, quoted(c), start);
            }
            case '`' -> {
                return new Token(Kind.QUOTED_IDENTIFIER, quoted(c), start);
            }
            case '.' -> {
                if (pos + 1 < input.length() && Character.isDigit(input.charAt(pos + 1))) {
                    return number();
                }
                pos++;
                return new Token(Kind.DOT, ".", start);
            }
            case ',' -> {
                pos++;
                return new Token(Kind.COMMA, ",", start);
            }
            case '(' -> {
                pos++;
                return new Token(Kind.LPAREN, "(", start);
            }
            case ')' -> {
                pos++;
                return new Token(Kind.RPAREN, ")", start);
            }
            case '=', '!', '<', '>' -> {
                return operator();
            }
            default -> {
                if (Character.isDigit(c) || c == '-' || c == '+') {
                    return number();
                }
                if (Character.isLetter(c) || c == '_') {
                    return word();
                }
                throw SextantException.invalid("Invalid character '" + c + "' at position " + start
                        + " in search expression '" + input + "'.");
            }
        }
    }

    private String quoted(char quote) {
        StringBuilder text = new StringBuilder();
        int start = pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == quote) {
                if (pos < input.length() && input.charAt(pos) == quote) {
                    text.append(quote); // a doubled quote stands for itself
                    pos++;
                    continue;
                }
                return text.toString();
            }
            if (c == '\\' && pos < input.length()) {
                c = input.charAt(pos++);
            }
            text.append(c);
        }
        throw SextantException.invalid("Unterminated quote starting at position " + start
                + " in search expression '" + input + "'. Close the " + quote + " quote.");
    }

    private Token operator() {
        int start = pos;
        String two = input.substring(pos, Math.min(pos + 2, input.length()));
        String op = switch (two) {
            case "!=", "<=", ">=", "==", "<>" -> two;
            default -> input.substring(pos, pos + 1);
        };
        if (op.equals("!")) {
            throw SextantException.invalid("Invalid operator '!' at position " + start + "; did you mean '!='?");
        }
        pos += op.length();
        String canonical = switch (op) {
            case "==" -> "=";
            case "<>" -> "!=";
            default -> op;
        };
        return new Token(Kind.OPERATOR, canonical, start);
    }

    private Token number() {
        int start = pos;
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            boolean exponentSign = (c == '-' || c == '+') && "eE".indexOf(input.charAt(pos - 1)) >= 0;
            if (!Character.isLetterOrDigit(c) && c != '.' && !exponentSign) {
                break;
            }
            pos++;
        }
        return new Token(Kind.NUMBER, input.substring(start, pos), start);
    }

    private Token word() {
        int start = pos;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (!Character.isLetterOrDigit(c) && c != '_') {
                break;
            }
            pos++;
        }
        return new Token(Kind.WORD, input.substring(start, pos), start);
    }
}
