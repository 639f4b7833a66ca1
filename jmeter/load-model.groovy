// homegrid load model, shared by every sampler of the plan (JSR223, Groovy, compiled once).
// Parameters: KIND RATES_PROPERTY STEP_PROPERTY [STEPS_FROM_PROPERTY]
//   KIND  push   a gateway pushes one reading (thread n = gateway n, per-gateway increasing seq)
//         app    an application reads: every other request the latest readings of a device or its
//                last hour of power bucketed by minute
//         single / batch   saturation: one reading, or batchSize readings, per request
//         backfill         (setUp sampler) one hour of history for every device, then waits until stored
// The thread group's requests follow one schedule shared by its threads: constant spacing of
// 1000/rate ms, the rate being the one of the step the request falls in (steps of STEP_PROPERTY
// seconds, rates from the comma-separated RATES_PROPERTY; a single rate is held for as many steps as
// STEPS_FROM_PROPERTY lists), after a warm-up of `warmup` seconds (default 30, 0 for none) at the
// first step's rate, labelled "... warm-up R/s". A request that cannot start on time
// because every thread is busy waiting for an answer starts late (the backend is saturated): the
// schedule never bursts to catch up by more than 250 ms. Past the last step the thread stops.
// Sets hgLabel, hgDelay (ms, for the Constant Timer), hgGateway, hgBody, hgPath, and hgAuth: the
// Authorization header of the request. Gateways are registered through the API (household
// `default`) the first time they push, by the operator the properties user (default admin) and
// password name, and push with their own secret; application requests carry that operator's token.
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.ThreadLocalRandom
import java.util.concurrent.atomic.AtomicLong
import org.apache.jmeter.threads.JMeterContextService

String kind = args[0]
String ratesProp = args.length > 1 ? args[1] : 'rates'
String stepProp = args.length > 2 ? args[2] : 'step'
String stepsFrom = args.length > 3 ? args[3] : null

String stateKey = 'homegrid.state.' + JMeterContextService.getTestStartTime()
Map g = (Map) props.get(stateKey)
if (g == null) {
    synchronized (props) {
        g = (Map) props.get(stateKey)
        if (g == null) {
            g = new ConcurrentHashMap()
            Map defaults = [rates: '20,40,60,80,100,120,140,70', pushRate: '60', appRates: '30,50,70,90,110,140,70',
                            step: '20', singleRates: '100,200,300,400,600,800,1000,1500,2000,3000',
                            batchRates: '10,25,50,100,150,200,300,400,500,700,1000', satStep: '15', warmup: '30',
                            gateways: '50', plugs: '15', batchSize: '100', bodyBytes: '192']
            defaults.each { k, v -> g.put('p.' + k, props.getProperty(k, v).trim()) }
            // seq = run start (ms) * 10^6 + per-gateway counter: increasing per gateway, also across runs
            g.put('seqBase', System.currentTimeMillis() * 1000000L)
            g.put('fmtMs', DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC))
            g.put('fmtS', DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC))
            // device ids: gw-003-plug-07-0013A200<zero-padded 307>, padded so that a one-reading push
            // of a gateway below 1000 is exactly bodyBytes long (the paper's messages are 192 bytes)
            int target = g.get('p.bodyBytes') as int
            String probe = '{"gateway":"gw-001","readings":[{"device":"gw-001-plug-01-0013A200","sensor":"power","value":123.456,"unit":"W","time":"2026-01-01T00:00:00.000Z","seq":1000000000000000000}]}'
            g.put('addrWidth', Math.max(5, target - probe.length()))
            g.put('appN', new AtomicLong())
            props.put(stateKey, g)
            log.info('homegrid load model: ' + g.findAll { k, v -> k.startsWith('p.') } + ', device address width ' + g.get('addrWidth'))
        }
    }
}

String gatewayId(int gw) { String.format('gw-%03d', gw) }
String deviceId(Map g, int gw, int plug) {
    String.format('gw-%03d-plug-%02d-0013A200%0' + g.get('addrWidth') + 'd', gw, plug, gw * 100 + plug)
}
AtomicLong seqOf(Map g, String gateway) {
    (AtomicLong) g.computeIfAbsent('seq.' + gateway, { k -> new AtomicLong((long) g.get('seqBase')) })
}
String reading(Map g, String device, double value, long timeMs, long seq) {
    '{"device":"' + device + '","sensor":"power","value":' + String.format(Locale.ROOT, '%.3f', value) +
        ',"unit":"W","time":"' + ((DateTimeFormatter) g.get('fmtMs')).format(java.time.Instant.ofEpochMilli(timeMs)) +
        '","seq":' + seq + '}'
}
double watts() { 100 + ThreadLocalRandom.current().nextInt(900000) / 1000.0 }   // 100.000 .. 999.999 W

String baseUrl() {
    props.getProperty('protocol', 'https') + '://' + props.getProperty('host', 'localhost') + ':' + props.getProperty('port', '8080')
}

// the load model's own calls (log-in, registration, counters) trust the backend's certificate file
// (property caCert, which ./homegrid load sets to the backend's self-signed one) and nothing else
javax.net.ssl.SSLSocketFactory tls(Map g) {
    synchronized (g) {
        if (g.get('tls') == null && props.getProperty('caCert')) {
            def store = java.security.KeyStore.getInstance('PKCS12')
            store.load(null, null)
            new File(props.getProperty('caCert')).withInputStream {
                store.setCertificateEntry('backend', java.security.cert.CertificateFactory.getInstance('X.509').generateCertificate(it))
            }
            def trust = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm())
            trust.init(store)
            def context = javax.net.ssl.SSLContext.getInstance('TLS')
            context.init(null, trust.getTrustManagers(), null)
            g.put('tls', context.getSocketFactory())
        }
        (javax.net.ssl.SSLSocketFactory) g.get('tls')
    }
}

Map api(String method, String path, String auth, String body) {
    HttpURLConnection c = (HttpURLConnection) new URL(baseUrl() + path).openConnection()
    Map g = (Map) props.get('homegrid.state.' + JMeterContextService.getTestStartTime())
    if (c instanceof javax.net.ssl.HttpsURLConnection && tls(g) != null) {
        ((javax.net.ssl.HttpsURLConnection) c).setSSLSocketFactory(tls(g))
    }
    c.setRequestMethod(method)
    if (auth != null) c.setRequestProperty('Authorization', auth)
    if (body != null) {
        c.setDoOutput(true); c.setRequestProperty('Content-Type', 'application/json')
        c.getOutputStream().withCloseable { it.write(body.getBytes('UTF-8')) }
    }
    int code = c.getResponseCode()
    InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()
    [code: code, body: in == null ? '' : in.getText('UTF-8')]
}

// an operator's bearer token, renewed well before it expires
String operatorAuth(Map g) {
    synchronized (g) {
        Object[] t = (Object[]) g.get('operatorToken')
        if (t == null || System.currentTimeMillis() > (long) t[1]) {
            String user = props.getProperty('user', 'admin'), password = props.getProperty('password')
            if (password == null) throw new IllegalStateException('set -Dpassword= to the operator password (./homegrid load does)')
            Map answer = api('POST', '/api/v1/auth/token', null, groovy.json.JsonOutput.toJson([username: user, password: password]))
            if (answer.code != 200) throw new IllegalStateException('log-in as ' + user + ' answered ' + answer.code + ': ' + answer.body)
            def token = new groovy.json.JsonSlurper().parseText(answer.body)
            t = ['Bearer ' + token.access_token, System.currentTimeMillis() + (token.expires_in as long) * 500L] as Object[]
            g.put('operatorToken', t)
        }
        (String) t[0]
    }
}

// a gateway's Basic credentials, registering it (or rotating its secret) on first use
String gatewayAuth(Map g, String gateway) {
    (String) g.computeIfAbsent('auth.' + gateway, { k ->
        String op = operatorAuth(g)
        Map answer = api('POST', '/api/v1/households/default/gateways', op, '{"gateway":"' + gateway + '"}')
        if (answer.code == 409) answer = api('POST', '/api/v1/households/default/gateways/' + gateway + '/secret', op, null)
        if (answer.code >= 300) throw new IllegalStateException('registering ' + gateway + ' answered ' + answer.code + ': ' + answer.body)
        'Basic ' + (gateway + ':' + new groovy.json.JsonSlurper().parseText(answer.body).secret).getBytes('UTF-8').encodeBase64()
    })
}

long storedReadings(Map g) {
    Map answer = api('GET', '/api/v1/stats', operatorAuth(g), null)
    (answer.body =~ /"readings":(\d+)/)[0][1] as long
}

// a saturation series starts on a backend that has stored everything it accepted before
void drain(Map g, def log) {
    long t0 = System.currentTimeMillis()
    long last = -1
    int still = 0
    while (still < 4 && System.currentTimeMillis() - t0 < 90000) {
        long stored = storedReadings(g)
        still = stored == last ? still + 1 : 0
        last = stored
        Thread.sleep(250)
    }
    log.info('waited ' + (System.currentTimeMillis() - t0) + ' ms for the backend to store what it had accepted (' + last + ' readings stored)')
}

int gateways = g.get('p.gateways') as int
int plugs = g.get('p.plugs') as int

if (kind == 'backfill') {
    // one reading per device per minute for the last hour, one batch per gateway, then wait until stored
    long before = storedReadings(g)
    long now = System.currentTimeMillis()
    long t0 = now - 3600000L
    int sent = 0
    for (int gw = 1; gw <= gateways; gw++) {
        String gateway = gatewayId(gw)
        AtomicLong seq = seqOf(g, gateway)
        StringBuilder b = new StringBuilder('{"gateway":"' + gateway + '","readings":[')
        for (int m = 0; m < 60; m++) {
            for (int p = 1; p <= plugs; p++) {
                if (m > 0 || p > 1) b.append(',')
                b.append(reading(g, deviceId(g, gw, p), watts(), t0 + m * 60000L + p * 100L, seq.incrementAndGet()))
            }
        }
        b.append(']}')
        Map pushed = api('POST', '/api/v1/gateways/' + gateway + '/readings', gatewayAuth(g, gateway), b.toString())
        int code = pushed.code
        String answer = pushed.body
        if (code != 202 || !answer.contains('"rejected":[]')) {
            SampleResult.setSuccessful(false); SampleResult.setResponseCode(String.valueOf(code))
            SampleResult.setResponseData('backfill of ' + gateway + ' answered ' + code + ': ' + answer, 'UTF-8')
            return
        }
        sent += 60 * plugs
    }
    long deadline = System.currentTimeMillis() + 300000L
    long stored = before
    while (stored < before + sent && System.currentTimeMillis() < deadline) {
        Thread.sleep(500)
        stored = storedReadings(g)
    }
    String msg = 'backfill: ' + sent + ' readings for ' + gateways * plugs + ' devices pushed, ' + (stored - before) +
        ' stored after ' + (System.currentTimeMillis() - now) + ' ms'
    log.info(msg)
    SampleResult.setResponseData(msg, 'UTF-8')
    SampleResult.setSuccessful(stored >= before + sent)
    return
}

// --- the thread group's shared schedule
String tgName = ctx.getThreadGroup().getName()
Object[] s = (Object[]) g.get('sched.' + tgName)
if (s == null) {
    synchronized (g) {
        s = (Object[]) g.get('sched.' + tgName)
        if (s == null) {
            double[] rates = (g.get('p.' + ratesProp) as String).split(',').collect { it.trim() as double } as double[]
            if (stepsFrom != null && rates.length == 1) {
                // a constant rate held for as many steps as the other thread group has
                int n = (g.get('p.' + stepsFrom) as String).split(',').length
                rates = ([rates[0]] * n) as double[]
            }
            long stepMs = Math.max(1L, g.get('p.' + stepProp) as long) * 1000L
            long warmupMs = Math.max(0L, g.get('p.warmup') as long) * 1000L
            if (kind == 'single' || kind == 'batch') {
                drain(g, log)
            }
            long start = System.currentTimeMillis()
            s = [[start, start] as double[], rates, stepMs, warmupMs] as Object[]
            g.put('sched.' + tgName, s)
            log.info(tgName + ': ' + kind + ' warm-up of ' + warmupMs / 1000 + ' s at ' + rates[0] + '/s, then steps of ' +
                     stepMs / 1000 + ' s at ' + rates.collect { it + '/s' })
        }
    }
}
double[] clock = (double[]) s[0]
double[] rates = (double[]) s[1]
long stepMs = (long) s[2]
long warmupMs = (long) s[3]
long now = System.currentTimeMillis()
double slot
int step                            // -1: the warm-up, at the first step's rate
synchronized (clock) {
    double next = Math.max(clock[1], now - 250d)
    double t = next - clock[0]
    step = t < warmupMs ? -1 : (int) ((t - warmupMs) / stepMs)
    if (step >= rates.length) {
        ctx.getThread().stop()      // past the last step: this thread is done, and sends nothing more
        vars.put('hgDelay', '0')
        return
    }
    clock[1] = next + 1000d / rates[Math.max(0, step)]
    slot = next
}
long at = (long) slot
vars.put('hgDelay', String.valueOf(Math.max(0L, at - now)))
String rate = String.format(Locale.ROOT, '%.0f', rates[Math.max(0, step)])
String stepName = (step < 0 ? 'warm-up ' : 's' + (step + 1) + ' ') + rate + '/s'

if (kind == 'app') {
    vars.put('hgAuth', operatorAuth(g))
    ThreadLocalRandom rnd = ThreadLocalRandom.current()
    String device = deviceId(g, 1 + rnd.nextInt(gateways), 1 + rnd.nextInt(plugs))
    if (((AtomicLong) g.get('appN')).getAndIncrement() % 2 == 0) {
        vars.put('hgLabel', 'app-latest ' + stepName)
        vars.put('hgPath', '/api/v1/devices/' + device + '/latest')
    } else {
        String from = ((DateTimeFormatter) g.get('fmtS')).format(java.time.Instant.ofEpochMilli(at - 3600000L))
        vars.put('hgLabel', 'app-hour-1m ' + stepName)
        vars.put('hgPath', '/api/v1/devices/' + device + '/readings?sensor=power&from=' + from + '&bucket=1m')
    }
    return
}

// pushes: thread n of the group is gateway n
int gw = ctx.getThreadNum() % Math.max(gateways, ctx.getThreadGroup().getNumThreads()) + 1
String gateway = gatewayId(gw)
vars.put('hgAuth', gatewayAuth(g, gateway))
AtomicLong seq = seqOf(g, gateway)
vars.put('hgGateway', gateway)
if (kind == 'batch') {
    int n = g.get('p.batchSize') as int
    long first = seq.getAndAdd(n) + 1
    StringBuilder b = new StringBuilder(n * 180).append('{"gateway":"').append(gateway).append('","readings":[')
    for (int i = 0; i < n; i++) {
        // a gateway flushing its cache: each plug every 2 s, oldest first
        if (i > 0) b.append(',')
        int plug = i % plugs + 1
        b.append(reading(g, deviceId(g, gw, plug), watts(), at - ((n - 1 - i).intdiv(plugs)) * 2000L - (plugs - plug) * 10L, first + i))
    }
    vars.put('hgBody', b.append(']}').toString())
    vars.put('hgLabel', 'batch' + n + ' ' + stepName)
} else {
    long q = seq.incrementAndGet()
    int plug = (int) (q % plugs) + 1
    vars.put('hgBody', '{"gateway":"' + gateway + '","readings":[' + reading(g, deviceId(g, gw, plug), watts(), at, q) + ']}')
    vars.put('hgLabel', kind + ' ' + stepName)
}
