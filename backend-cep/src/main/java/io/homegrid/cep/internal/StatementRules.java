package io.homegrid.cep.internal;

import java.io.IOException;

import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.common.client.module.Module;
import com.espertech.esper.common.client.module.ModuleItem;
import com.espertech.esper.common.client.module.ParseException;
import com.espertech.esper.common.client.soda.EPStatementObjectModel;
import com.espertech.esper.common.client.soda.OnSetClause;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompiler;

import io.homegrid.cep.InvalidStatementException;

/**
 * The constructs refused before compiling, read from the parsed module and each statement's
 * object model: imports (they widen what class names resolve to), inlined Java classes and
 * scripts (code of their own, also switched off in the compiler configuration), assignments to
 * variables (the engine's settings are variables) and updates of the input streams (they would
 * change the readings the built-in statements see). Class names and calls are left to
 * {@link ClassAllowList} and {@link GeneratedCodeCheck}, which see them resolved.
 */
final class StatementRules {

    private final EPCompiler compiler;
    private final Configuration configuration;

    StatementRules(EPCompiler compiler, Configuration configuration) {
        this.compiler = compiler;
        this.configuration = configuration;
    }

    /** @throws InvalidStatementException naming what is refused, or Esper's message if the EPL does not parse */
    void check(String epl) throws InvalidStatementException {
        Module module;
        try {
            module = compiler.parseModule(epl);
        } catch (IOException | ParseException e) {
            throw new InvalidStatementException(e.getMessage());
        }
        if (!module.getImports().isEmpty()) {
            throw refused("import " + String.join(", ", module.getImports()));
        }
        for (ModuleItem item : module.getItems()) {
            if (!item.isCommentOnly()) {
                check(model(item.getExpression()));
            }
        }
    }

    private static void check(EPStatementObjectModel model) throws InvalidStatementException {
        if (!model.getClassProvidedExpressions().isEmpty() || model.getCreateClass() != null) {
            throw refused("an inlined class");
        }
        if (!model.getScriptExpressions().isEmpty()
                || model.getCreateExpression() != null && model.getCreateExpression().getScriptExpression() != null) {
            throw refused("a script expression");
        }
        if (model.getOnExpr() instanceof OnSetClause) {
            throw refused("setting a variable (on … set)");
        }
        if (model.getUpdateClause() != null) {
            throw refused("updating a stream (update istream)");
        }
    }

    private EPStatementObjectModel model(String statement) throws InvalidStatementException {
        try {
            return compiler.eplToModel(statement, configuration);
        } catch (EPCompileException e) {
            throw new InvalidStatementException(e.getMessage());
        }
    }

    private static InvalidStatementException refused(String what) {
        return new InvalidStatementException(what + " is not allowed in a statement");
    }
}
