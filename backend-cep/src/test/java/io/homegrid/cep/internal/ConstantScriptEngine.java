package io.homegrid.cep.internal;

import java.io.Reader;
import java.util.List;

import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.SimpleBindings;

/**
 * A JSR-223 dialect ({@code constant}) whose scripts all answer their own text: this JVM has no
 * script engine, and without one Esper fails a script before it reads whether scripts are
 * enabled. Registered for the tests in {@code META-INF/services}.
 */
public final class ConstantScriptEngine extends AbstractScriptEngine implements Compilable {

    static final String DIALECT = "constant";

    @Override
    public Object eval(String script, ScriptContext context) {
        return script;
    }

    @Override
    public Object eval(Reader reader, ScriptContext context) {
        throw new UnsupportedOperationException("scripts come as text");
    }

    @Override
    public CompiledScript compile(String script) {
        ScriptEngine engine = this;
        return new CompiledScript() {
            @Override
            public Object eval(ScriptContext context) {
                return script;
            }

            @Override
            public ScriptEngine getEngine() {
                return engine;
            }
        };
    }

    @Override
    public CompiledScript compile(Reader script) {
        throw new UnsupportedOperationException("scripts come as text");
    }

    @Override
    public Bindings createBindings() {
        return new SimpleBindings();
    }

    @Override
    public ScriptEngineFactory getFactory() {
        return new Factory();
    }

    /** Found by {@link javax.script.ScriptEngineManager} through the service file. */
    public static final class Factory implements ScriptEngineFactory {
        @Override
        public String getEngineName() {
            return DIALECT;
        }

        @Override
        public String getEngineVersion() {
            return "1";
        }

        @Override
        public List<String> getExtensions() {
            return List.of();
        }

        @Override
        public List<String> getMimeTypes() {
            return List.of();
        }

        @Override
        public List<String> getNames() {
            return List.of(DIALECT);
        }

        @Override
        public String getLanguageName() {
            return DIALECT;
        }

        @Override
        public String getLanguageVersion() {
            return "1";
        }

        @Override
        public Object getParameter(String key) {
            return ScriptEngine.NAME.equals(key) ? DIALECT : null;
        }

        @Override
        public String getMethodCallSyntax(String object, String method, String... arguments) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getOutputStatement(String toDisplay) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getProgram(String... statements) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScriptEngine getScriptEngine() {
            return new ConstantScriptEngine();
        }
    }
}
