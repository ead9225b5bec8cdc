package dev.gatewayreports.reportapi.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.List;

/**
 * A JSON string that breaks {@link TextRules}; Jackson adds the path of the field it was read for. A mismatched
 * input, so Quarkus REST hands it to the exception mappers as it is (other binding errors arrive wrapped).
 */
public class UnsafeTextException extends MismatchedInputException {
    private final String problem;

    UnsafeTextException(JsonParser parser, String problem) {
        super(parser, problem, String.class);
        this.problem = problem;
    }

    /** What is wrong with the text, without the field. */
    public String problem() {
        return problem;
    }

    /**
     * The field, as the validators name them: {@code usage_metrics[0].metric}; an element of a list of strings is
     * named by its list ({@code filter.trace_ids}).
     */
    public String field() {
        StringBuilder field = new StringBuilder();
        List<Reference> path = getPath();
        for (int i = 0; i < path.size(); i++) {
            Reference ref = path.get(i);
            if (ref.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(TextRules.printable(ref.getFieldName()));
            } else if (i < path.size() - 1) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
