package io.homegrid.persistence.internal.connector;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectReader;

import io.homegrid.model.CepOutput;
import io.homegrid.model.json.Json;
import io.homegrid.persistence.internal.jdbc.JdbcCepOutputs;

/** Stores what the CEP engine published on cep.out. */
public final class CepOutputsHandler implements BatchHandler {

    private static final ObjectReader READER = Json.mapper().readerFor(CepOutput.class);

    private final JdbcCepOutputs outputs;

    public CepOutputsHandler(JdbcCepOutputs outputs) {
        this.outputs = outputs;
    }

    @Override
    public void handle(List<Body> bodies) throws Exception {
        List<CepOutput> decoded = new ArrayList<>(bodies.size());
        for (Body body : bodies) {
            decoded.add(READER.readValue(body.text()));
        }
        outputs.write(decoded);
    }
}
