/* bench-longpoll.c — hundreds of agents long-polling a sandbox, plus a steady mix of requests
 *
 *   bench-longpoll --server URL --control URL [--agents 500] [--rate 50] [--events 4]
 *                  [--duration 60]
 *
 * One process, one main loop, one SoupSession. It
 *   1. makes sure the demo company has --agents accounts that can log in: the seeded agents
 *      plus new ones opened by the administrator with addExtension (the sandbox allows the
 *      extensions 400–899, so 500 at most);
 *   2. holds one getLongWaterLine per agent, re-issued as soon as it is answered;
 *   3. for --duration seconds sends --rate mixed requests a second (getcustomer, getMemos,
 *      findDialrecord, getCustomersPage by page and by name) on a fixed schedule, whether or
 *      not the previous ones were answered, and times each; meanwhile it places --events
 *      scripted calls a second through /sandbox/call to random agents and times how long
 *      after the event the agent's long poll was answered;
 *   4. prints one JSON object on stdout.
 *
 * Everything goes to the loopback addresses it is given; every phase is bounded in time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#define DEMO_COMPANY       "100008"
#define DEMO_PASSWORD      "02367073578"
#define ADMIN_ACCOUNT      "100008899"
#define ADMIN_PASSWORD     "800ing-admin"
#define BENCH_PASSWORD     "bench-longpoll-1"
#define EXTENSION_FIRST    400
#define EXTENSION_LAST     899
#define SETUP_PARALLEL     8
#define SETUP_LIMIT_S      120
#define WARMUP_LIMIT_S     20
#define DRAIN_LIMIT_S      10

typedef struct _Bench Bench;

typedef struct
{
  Bench   *bench;
  char    *account;
  char    *md5;
  gint64   water_line;
  gboolean polling;
} Agent;

typedef enum
{
  PHASE_SETUP,
  PHASE_WARMUP,
  PHASE_MEASURE,
  PHASE_DRAIN,
} Phase;

struct _Bench
{
  /* options */
  char        *api;
  char        *control;
  int          n_agents;
  int          rate;
  int          events;
  int          duration_s;

  GMainLoop   *loop;
  SoupSession *session;
  GCancellable *cancellable;
  GRand       *rand;
  Phase        phase;
  char        *failure;

  /* setup */
  char        *admin_md5;
  char        *demo_md5;
  char        *bench_md5;
  GHashTable  *taken;          /* extension text → itself, every extension that exists */
  GQueue       to_open;        /* extensions (GINT_TO_POINTER) still to add */
  guint        setup_inflight;
  guint        n_opened;
  guint        n_open_failed;
  GPtrArray   *candidates;     /* Agent, not yet verified */
  guint        n_verified;
  guint        n_rejected;
  GPtrArray   *agents;         /* Agent, can log in */
  GPtrArray   *phones;         /* char *, customers' numbers for the lookups */

  /* long polls */
  guint        lp_inflight;
  guint        lp_answers;
  guint        lp_errors;
  guint        lp_empty;
  GArray      *release_ms;     /* double: event time → long poll answered */
  gint64       measure_start_ms;
  gint64       measure_end_ms;

  /* mixed requests */
  guint        mixed_sent;
  guint        mixed_inflight;
  guint        mixed_errors;
  GArray      *mixed_ms;       /* double */
  GHashTable  *per_method;     /* method → GArray of double */
  guint        mixed_timer;

  /* events */
  guint        event_timer;
  guint        events_placed;
  guint        events_failed;

  /* server-side view */
  guint        status_timer;
  gint64       waiters_min;
  gint64       waiters_max;
  guint        status_samples;

  guint        phase_timer;
  guint        limit_timer;
};

static void start_warmup (Bench *b);
static void start_measure (Bench *b);
static void start_drain (Bench *b);
static void issue_long_poll (Bench *b, Agent *agent);

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

static double
mono_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static char *
md5_upper (const char *password)
{
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_MD5, password, -1);

  return g_ascii_strup (hex, -1);
}

static void
agent_free (gpointer data)
{
  Agent *agent = data;

  g_free (agent->account);
  g_free (agent->md5);
  g_free (agent);
}

static Agent *
agent_new (Bench      *b,
           const char *account,
           const char *md5)
{
  Agent *agent = g_new0 (Agent, 1);

  agent->bench = b;
  agent->account = g_strdup (account);
  agent->md5 = g_strdup (md5);
  return agent;
}

static void
fail (Bench      *b,
      const char *format,
      ...)
{
  va_list args;

  if (b->failure == NULL)
    {
      va_start (args, format);
      b->failure = g_strdup_vprintf (format, args);
      va_end (args);
    }
  g_main_loop_quit (b->loop);
}

/* A GET on the API: sa_user, sa_password, method and the given name/value pairs. */
static SoupMessage *
api_message (Bench      *b,
             const char *account,
             const char *md5,
             const char *method,
             ...)
{
  g_autoptr(GString) url = g_string_new (b->api);
  const char *name;
  va_list args;

  g_string_append_printf (url, "/voip/api/jsondata.html?sa_user=%s&sa_password=%s&method=%s",
                          account, md5, method);
  va_start (args, method);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (url, "&%s=%s", name, escaped);
    }
  va_end (args);
  return soup_message_new ("GET", url->str);
}

/* The answer as an object whose code is 0, or NULL. */
static JsonObject *
parse_ok (GBytes  *body,
          char   **out_message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  JsonNode *code;
  gint64 value = -1;

  if (out_message)
    *out_message = NULL;
  if (body == NULL ||
      !json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (out_message)
        *out_message = g_strdup ("not a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);
  code = json_object_get_member (object, "code");
  if (code != NULL && JSON_NODE_HOLDS_VALUE (code))
    {
      if (json_node_get_value_type (code) == G_TYPE_STRING)
        value = g_ascii_strtoll (json_node_get_string (code), NULL, 10);
      else
        value = json_node_get_int (code);
    }
  if (value != 0)
    {
      if (out_message)
        *out_message = g_strdup (json_object_get_string_member_with_default (object, "message", "?"));
      return NULL;
    }
  return json_object_ref (object);
}

static gint64
member_int64 (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_ascii_strtoll (json_node_get_string (node), NULL, 10);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return json_node_get_int (node);
}

typedef void (*AnswerFunc) (Bench *b, gpointer data, JsonObject *ok, const char *error);

typedef struct
{
  Bench      *bench;
  AnswerFunc  func;
  gpointer    data;
} Call;

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(JsonObject) ok = NULL;
  g_autofree char *message = NULL;

  if (body == NULL)
    message = g_strdup (error->message);
  else if ((ok = parse_ok (body, &message)) == NULL && message == NULL)
    message = g_strdup ("no answer");
  call->func (call->bench, call->data, ok, message);
  g_free (call);
}

static void
send_message (Bench       *b,
              SoupMessage *msg,
              AnswerFunc   func,
              gpointer     data)
{
  Call *call = g_new0 (Call, 1);

  call->bench = b;
  call->func = func;
  call->data = data;
  soup_session_send_and_read_async (b->session, msg, G_PRIORITY_DEFAULT, b->cancellable,
                                    on_sent_cb, call);
  g_object_unref (msg);
}

static double
percentile (GArray *values,
            double  p)
{
  guint rank;

  if (values->len == 0)
    return NAN;
  rank = (guint) ceil (p / 100.0 * values->len);
  return g_array_index (values, double, CLAMP (rank, 1, values->len) - 1);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* ---- setup: agents ------------------------------------------------------------------- */

static void verify_next (Bench *b);

static void
on_verified_cb (Bench      *b,
                gpointer    data,
                JsonObject *ok,
                const char *error)
{
  Agent *agent = data;

  b->setup_inflight--;
  if (ok != NULL)
    {
      b->n_verified++;
      g_ptr_array_add (b->agents, agent);
    }
  else
    {
      b->n_rejected++;
      g_printerr ("bench-longpoll: %s cannot log in: %s\n", agent->account, error);
      agent_free (agent);
    }
  verify_next (b);
}

static void fetch_phones (Bench *b);

static void
verify_next (Bench *b)
{
  while (b->setup_inflight < SETUP_PARALLEL && b->candidates->len > 0)
    {
      Agent *agent = g_ptr_array_steal_index (b->candidates, b->candidates->len - 1);

      b->setup_inflight++;
      send_message (b, api_message (b, agent->account, agent->md5, "getExtension", NULL),
                    on_verified_cb, agent);
    }
  if (b->setup_inflight == 0 && b->candidates->len == 0)
    fetch_phones (b);
}

static void
add_candidate (Bench      *b,
               const char *extension,
               const char *md5)
{
  g_autofree char *account = g_strconcat (DEMO_COMPANY, extension, NULL);

  if ((int) b->candidates->len < b->n_agents)
    g_ptr_array_add (b->candidates, agent_new (b, account, md5));
}

static void open_next (Bench *b);

static void
on_opened_cb (Bench      *b,
              gpointer    data,
              JsonObject *ok,
              const char *error)
{
  int extension = GPOINTER_TO_INT (data);
  g_autofree char *text = g_strdup_printf ("%d", extension);

  b->setup_inflight--;
  if (ok != NULL)
    {
      b->n_opened++;
      add_candidate (b, text, b->bench_md5);
    }
  else
    {
      b->n_open_failed++;
      g_printerr ("bench-longpoll: addExtension %d: %s\n", extension, error);
    }
  open_next (b);
}

static void
open_next (Bench *b)
{
  while (b->setup_inflight < SETUP_PARALLEL && !g_queue_is_empty (&b->to_open) &&
         (int) (b->candidates->len + b->setup_inflight) < b->n_agents)
    {
      int extension = GPOINTER_TO_INT (g_queue_pop_head (&b->to_open));
      g_autofree char *text = g_strdup_printf ("%d", extension);

      b->setup_inflight++;
      send_message (b, api_message (b, ADMIN_ACCOUNT, b->admin_md5, "addExtension",
                                    "exteExtension", text, "extePassword", BENCH_PASSWORD,
                                    "exteName", "bench", NULL),
                    on_opened_cb, GINT_TO_POINTER (extension));
    }
  if (b->setup_inflight == 0)
    verify_next (b);
}

static void
on_extensions_cb (Bench      *b,
                  gpointer    data,
                  JsonObject *ok,
                  const char *error)
{
  JsonArray *rows;

  if (ok == NULL)
    {
      fail (b, "getExtensions as the administrator: %s", error);
      return;
    }
  rows = json_object_get_array_member (ok, "extension");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *extension = json_object_get_string_member_with_default (row, "exteExtension", NULL);

      if (extension == NULL)
        extension = json_object_get_string_member_with_default (row, "extension", NULL);
      if (extension != NULL)
        g_hash_table_add (b->taken, g_strdup (extension));
    }

  /* The seeded agents first: the demo password for 800–810, the administrator's own. */
  for (int e = 800; e <= 810; e++)
    {
      g_autofree char *text = g_strdup_printf ("%d", e);
      add_candidate (b, text, b->demo_md5);
    }
  add_candidate (b, "899", b->admin_md5);

  /* Extensions this tool opened in an earlier run on the same --db. */
  for (int e = EXTENSION_FIRST; e <= EXTENSION_LAST; e++)
    {
      g_autofree char *text = g_strdup_printf ("%d", e);

      if ((e >= 800 && e <= 810) || e == 899)
        continue;
      if (g_hash_table_contains (b->taken, text))
        add_candidate (b, text, b->bench_md5);
      else
        g_queue_push_tail (&b->to_open, GINT_TO_POINTER (e));
    }
  open_next (b);
}

/* ---- setup: numbers to look up ------------------------------------------------------- */

static void
on_phones_cb (Bench      *b,
              gpointer    data,
              JsonObject *ok,
              const char *error)
{
  JsonArray *rows;

  if (ok == NULL)
    {
      fail (b, "getCustomersPage: %s", error);
      return;
    }
  rows = json_object_get_array_member (ok, "rows_customerphone");
  for (guint i = 0; rows != NULL && i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const char *phone = json_object_get_string_member_with_default (row, "cpPhone", NULL);

      if (phone != NULL && *phone != '\0')
        g_ptr_array_add (b->phones, g_strdup (phone));
    }
  if (b->phones->len == 0)
    g_ptr_array_add (b->phones, g_strdup ("13800138000"));
  if (b->agents->len == 0)
    {
      fail (b, "no agent could log in");
      return;
    }
  /* Fewer accounts than long polls (one seeded agent is disabled): the first agents keep a
   * second client polling, as an agent with the desktop client and the phone app does. */
  for (guint i = 0; (int) b->agents->len < b->n_agents; i++)
    {
      Agent *agent = g_ptr_array_index (b->agents, i);
      g_ptr_array_add (b->agents, agent_new (b, agent->account, agent->md5));
    }
  start_warmup (b);
}

static void
fetch_phones (Bench *b)
{
  send_message (b, api_message (b, DEMO_COMPANY "800", b->demo_md5, "getCustomersPage",
                                "limit", "200", NULL),
                on_phones_cb, NULL);
}

/* ---- long polls ---------------------------------------------------------------------- */

static gboolean
on_retry_long_poll_cb (gpointer data)
{
  Agent *agent = data;

  issue_long_poll (agent->bench, agent);
  return G_SOURCE_REMOVE;
}

static void
on_long_poll_cb (Bench      *b,
                 gpointer    data,
                 JsonObject *ok,
                 const char *error)
{
  Agent *agent = data;
  double received_ms = g_get_real_time () / 1000.0;
  JsonArray *msgs;
  gint64 water_line;

  b->lp_inflight--;
  agent->polling = FALSE;
  if (b->phase == PHASE_DRAIN || g_cancellable_is_cancelled (b->cancellable))
    return;

  if (ok == NULL)
    {
      if (b->lp_errors++ < 5)
        g_printerr ("bench-longpoll: long poll of %s: %s\n", agent->account, error);
      g_timeout_add (1000, on_retry_long_poll_cb, agent);
      return;
    }

  b->lp_answers++;
  msgs = json_object_has_member (ok, "msgs") ? json_object_get_array_member (ok, "msgs") : NULL;
  if (msgs == NULL || json_array_get_length (msgs) == 0)
    b->lp_empty++;
  for (guint i = 0; msgs != NULL && i < json_array_get_length (msgs); i++)
    {
      JsonNode *node = json_array_get_element (msgs, i);
      gint64 time_ms;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      time_ms = member_int64 (json_node_get_object (node), "time");
      if (b->phase == PHASE_MEASURE && time_ms >= b->measure_start_ms)
        {
          double release = received_ms - (double) time_ms;
          g_array_append_val (b->release_ms, release);
        }
    }

  water_line = member_int64 (ok, "waterline");
  if (water_line == 0)
    water_line = member_int64 (ok, "waterLine");
  if (water_line > agent->water_line)
    agent->water_line = water_line;
  issue_long_poll (b, agent);
}

static void
issue_long_poll (Bench *b,
                 Agent *agent)
{
  g_autofree char *water_line = g_strdup_printf ("%" G_GINT64_FORMAT, agent->water_line);
  Call *call;
  SoupMessage *msg;

  if (agent->polling || b->phase == PHASE_DRAIN)
    return;
  agent->polling = TRUE;
  b->lp_inflight++;
  msg = api_message (b, agent->account, agent->md5, "getLongWaterLine",
                     "client", "1", "message", "1", "waterLine", water_line, NULL);
  call = g_new0 (Call, 1);
  call->bench = b;
  call->func = on_long_poll_cb;
  call->data = agent;
  soup_session_send_and_read_async (b->session, msg, G_PRIORITY_DEFAULT, b->cancellable,
                                    on_sent_cb, call);
  g_object_unref (msg);
}

/* ---- the control API ----------------------------------------------------------------- */

static void
on_control_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root = NULL;
  JsonObject *object_answer = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  if (body != NULL &&
      json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      msg != NULL && SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    object_answer = json_node_get_object (root);

  call->func (call->bench, call->data, object_answer,
              object_answer != NULL ? NULL : error != NULL ? error->message : "refused");
  g_free (call);
}

static void
send_control (Bench       *b,
              const char  *method,
              const char  *path,
              const char  *json,
              AnswerFunc   func,
              gpointer     data)
{
  g_autofree char *url = g_strconcat (b->control, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);
  Call *call = g_new0 (Call, 1);

  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  call->bench = b;
  call->func = func;
  call->data = data;
  soup_session_send_and_read_async (b->session, msg, G_PRIORITY_DEFAULT, NULL, on_control_cb, call);
  g_object_unref (msg);
}

static void
on_status_cb (Bench      *b,
              gpointer    data,
              JsonObject *answer,
              const char *error)
{
  gint64 waiters;

  if (answer == NULL)
    return;
  waiters = member_int64 (answer, "waiters");
  if (b->phase == PHASE_WARMUP)
    {
      if (waiters >= (gint64) b->agents->len)
        start_measure (b);
      return;
    }
  if (b->phase != PHASE_MEASURE)
    return;
  if (b->status_samples++ == 0 || waiters < b->waiters_min)
    b->waiters_min = waiters;
  b->waiters_max = MAX (b->waiters_max, waiters);
}

static gboolean
on_status_timer_cb (gpointer data)
{
  Bench *b = data;

  send_control (b, "GET", "/sandbox/status", NULL, on_status_cb, NULL);
  return G_SOURCE_CONTINUE;
}

/* ---- warm-up, measurement, drain ----------------------------------------------------- */

static gboolean
on_warmup_limit_cb (gpointer data)
{
  Bench *b = data;

  b->phase_timer = 0;
  g_printerr ("bench-longpoll: the server holds fewer long polls than agents after %d s;"
              " measuring anyway\n", WARMUP_LIMIT_S);
  start_measure (b);
  return G_SOURCE_REMOVE;
}

static void
start_warmup (Bench *b)
{
  b->phase = PHASE_WARMUP;
  g_printerr ("bench-longpoll: %u agents (%u opened now), %zu numbers; holding the long polls\n",
              b->agents->len, b->n_opened, (size_t) b->phones->len);
  for (guint i = 0; i < b->agents->len; i++)
    issue_long_poll (b, g_ptr_array_index (b->agents, i));
  b->status_timer = g_timeout_add (250, on_status_timer_cb, b);
  b->phase_timer = g_timeout_add_seconds (WARMUP_LIMIT_S, on_warmup_limit_cb, b);
}

static const char *mixed_methods[] = {
  "getcustomer", "getMemos", "findDialrecord", "getCustomersPage", "getCustomersPage/name",
  "findDialrecord/phone",
};

static const char *surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周" };

typedef struct
{
  guint  kind;
  double sent_ms;
} Mixed;

static void
on_mixed_cb (Bench      *b,
             gpointer    data,
             JsonObject *ok,
             const char *error)
{
  Mixed *mixed = data;
  double ms = mono_ms () - mixed->sent_ms;
  GArray *per;

  b->mixed_inflight--;
  if (ok == NULL)
    {
      if (b->mixed_errors++ < 5)
        g_printerr ("bench-longpoll: %s: %s\n", mixed_methods[mixed->kind], error);
    }
  g_array_append_val (b->mixed_ms, ms);
  per = g_hash_table_lookup (b->per_method, mixed_methods[mixed->kind]);
  if (per == NULL)
    {
      per = g_array_new (FALSE, FALSE, sizeof (double));
      g_hash_table_insert (b->per_method, (gpointer) mixed_methods[mixed->kind], per);
    }
  g_array_append_val (per, ms);
  g_free (mixed);
}

static void
send_mixed (Bench *b)
{
  Mixed *mixed = g_new0 (Mixed, 1);
  const char *phone = g_ptr_array_index (b->phones, g_rand_int_range (b->rand, 0, b->phones->len));
  g_autofree char *start = g_strdup_printf ("%d", g_rand_int_range (b->rand, 0, 200) * 20);
  const char *account = DEMO_COMPANY "800";
  SoupMessage *msg = NULL;

  mixed->kind = b->mixed_sent % G_N_ELEMENTS (mixed_methods);
  switch (mixed->kind)
    {
    case 0:
      msg = api_message (b, account, b->demo_md5, "getcustomer", "phoneNum", phone, NULL);
      break;
    case 1:
      msg = api_message (b, account, b->demo_md5, "getMemos", "phoneNum", phone, "limit", "20", NULL);
      break;
    case 2:
      msg = api_message (b, account, b->demo_md5, "findDialrecord", "start", start, "limit", "20", NULL);
      break;
    case 3:
      msg = api_message (b, account, b->demo_md5, "getCustomersPage", "start", start, "limit", "20", NULL);
      break;
    case 4:
      msg = api_message (b, account, b->demo_md5, "getCustomersPage", "findType", "custName",
                         "sqlwhere", surnames[g_rand_int_range (b->rand, 0, G_N_ELEMENTS (surnames))],
                         "limit", "20", NULL);
      break;
    default:
      msg = api_message (b, account, b->demo_md5, "findDialrecord", "phoneNum", phone, "limit", "5", NULL);
      break;
    }
  b->mixed_sent++;
  b->mixed_inflight++;
  mixed->sent_ms = mono_ms ();
  send_message (b, msg, on_mixed_cb, mixed);
}

static void
on_event_placed_cb (Bench      *b,
                    gpointer    data,
                    JsonObject *answer,
                    const char *error)
{
  if (answer == NULL || !json_object_has_member (answer, "cdrId"))
    {
      if (b->events_failed++ < 5)
        g_printerr ("bench-longpoll: /sandbox/call: %s\n", error ? error : "no cdrId");
    }
}

static void
place_event (Bench *b)
{
  Agent *agent = g_ptr_array_index (b->agents, g_rand_int_range (b->rand, 0, b->agents->len));
  g_autofree char *json = g_strdup_printf ("{\"extension\":\"%s\",\"phone\":\"1390000%04d\","
                                           "\"direction\":\"in\",\"ring_ms\":300,\"talk_ms\":0,"
                                           "\"record\":false}",
                                           agent->account, g_rand_int_range (b->rand, 0, 10000));

  b->events_placed++;
  send_control (b, "POST", "/sandbox/call", json, on_event_placed_cb, NULL);
}

/* Sends what the fixed schedule says is due by now, so a slow answer never delays the next. */
static gboolean
on_tick_cb (gpointer data)
{
  Bench *b = data;
  double elapsed = (double) (now_ms () - b->measure_start_ms);
  guint mixed_due = (guint) (elapsed * b->rate / 1000.0) + 1;
  guint events_due = (guint) (elapsed * b->events / 1000.0) + (b->events > 0);

  while (b->mixed_sent < mixed_due)
    send_mixed (b);
  while (b->events_placed < events_due)
    place_event (b);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_measure_end_cb (gpointer data)
{
  Bench *b = data;

  b->phase_timer = 0;
  start_drain (b);
  return G_SOURCE_REMOVE;
}

static void
start_measure (Bench *b)
{
  if (b->phase != PHASE_WARMUP)
    return;
  g_clear_handle_id (&b->phase_timer, g_source_remove);
  g_clear_handle_id (&b->status_timer, g_source_remove);
  b->phase = PHASE_MEASURE;
  b->measure_start_ms = now_ms ();
  g_printerr ("bench-longpoll: measuring for %d s: %d requests/s, %d calls/s\n",
              b->duration_s, b->rate, b->events);
  b->mixed_timer = g_timeout_add (5, on_tick_cb, b);
  b->status_timer = g_timeout_add (1000, on_status_timer_cb, b);
  b->phase_timer = g_timeout_add (b->duration_s * 1000, on_measure_end_cb, b);
}

static gboolean
on_drain_check_cb (gpointer data)
{
  Bench *b = data;
  gint64 waited = now_ms () - b->measure_end_ms;

  if (b->mixed_inflight > 0 && waited < DRAIN_LIMIT_S * 1000)
    return G_SOURCE_CONTINUE;
  b->phase_timer = 0;
  g_cancellable_cancel (b->cancellable);
  g_main_loop_quit (b->loop);
  return G_SOURCE_REMOVE;
}

static void
start_drain (Bench *b)
{
  b->phase = PHASE_DRAIN;
  b->measure_end_ms = now_ms ();
  g_clear_handle_id (&b->mixed_timer, g_source_remove);
  g_clear_handle_id (&b->status_timer, g_source_remove);
  b->phase_timer = g_timeout_add (50, on_drain_check_cb, b);
}

static gboolean
on_time_limit_cb (gpointer data)
{
  Bench *b = data;

  b->limit_timer = 0;
  fail (b, "the run did not finish in time (phase %d)", b->phase);
  return G_SOURCE_REMOVE;
}

/* ---- report -------------------------------------------------------------------------- */

static void
add_stats (JsonBuilder *builder,
           const char  *prefix,
           GArray      *values)
{
  static const struct { const char *name; double p; } points[] = {
    { "p50", 50 }, { "p95", 95 }, { "p99", 99 }, { "max", 100 },
  };

  g_array_sort (values, compare_double);
  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s_%s_ms", prefix, points[i].name);
      double v = percentile (values, points[i].p);

      json_builder_set_member_name (builder, name);
      if (isnan (v))
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, round (v * 1000) / 1000);
    }
}

static void
set_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
print_report (Bench *b)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < b->agents->len; i++)
    g_hash_table_add (distinct, ((Agent *) g_ptr_array_index (b->agents, i))->account);

  json_builder_begin_object (builder);
  set_int (builder, "agents_requested", b->n_agents);
  set_int (builder, "agents", b->agents->len);
  set_int (builder, "agents_distinct", g_hash_table_size (distinct));
  set_int (builder, "agents_opened", b->n_opened);
  set_int (builder, "agents_rejected", b->n_rejected);
  json_builder_set_member_name (builder, "duration_s");
  json_builder_add_double_value (builder, (b->measure_end_ms - b->measure_start_ms) / 1000.0);
  set_int (builder, "long_polls_held_min", b->status_samples ? b->waiters_min : -1);
  set_int (builder, "long_polls_held_max", b->status_samples ? b->waiters_max : -1);
  set_int (builder, "long_poll_answers", b->lp_answers);
  set_int (builder, "long_poll_timeouts", b->lp_empty);
  set_int (builder, "long_poll_errors", b->lp_errors);
  set_int (builder, "mixed_rate_per_s", b->rate);
  set_int (builder, "mixed_sent", b->mixed_sent);
  set_int (builder, "mixed_answered", b->mixed_ms->len);
  set_int (builder, "mixed_errors", b->mixed_errors);
  add_stats (builder, "mixed", b->mixed_ms);
  set_int (builder, "events_placed", b->events_placed);
  set_int (builder, "events_failed", b->events_failed);
  set_int (builder, "release_n", b->release_ms->len);
  add_stats (builder, "release", b->release_ms);

  json_builder_set_member_name (builder, "per_method");
  json_builder_begin_object (builder);
  g_hash_table_iter_init (&iter, b->per_method);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      json_builder_set_member_name (builder, key);
      json_builder_begin_object (builder);
      set_int (builder, "n", ((GArray *) value)->len);
      add_stats (builder, "latency", value);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  if (b->failure != NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, b->failure);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_print ("%s\n", text);
}

/* Hundreds of held requests need hundreds of sockets. */
static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  Bench bench = { 0 };
  Bench *b = &bench;
  const GOptionEntry entries[] = {
    { "server", 0, 0, G_OPTION_ARG_STRING, &b->api, "The sandbox's API address", "URL" },
    { "control", 0, 0, G_OPTION_ARG_STRING, &b->control, "The sandbox's control address", "URL" },
    { "agents", 0, 0, G_OPTION_ARG_INT, &b->n_agents, "Agents long-polling (default 500)", "N" },
    { "rate", 0, 0, G_OPTION_ARG_INT, &b->rate, "Mixed requests a second (default 50)", "N" },
    { "events", 0, 0, G_OPTION_ARG_INT, &b->events, "Scripted calls a second (default 4)", "N" },
    { "duration", 0, 0, G_OPTION_ARG_INT, &b->duration_s, "Seconds to measure (default 60)", "S" },
    { NULL }
  };
  int status;

  b->n_agents = 500;
  b->rate = 50;
  b->events = 4;
  b->duration_s = 60;
  context = g_option_context_new ("— long polls and mixed requests against a sandbox");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-longpoll: %s\n", error->message);
      return 2;
    }
  if (b->api == NULL || b->control == NULL || b->n_agents < 1 || b->rate < 1 ||
      b->events < 0 || b->duration_s < 1 || b->duration_s > 600)
    {
      g_printerr ("bench-longpoll: give --server and --control; --agents, --rate and --duration"
                  " are positive, --duration at most 600\n");
      return 2;
    }

  raise_file_limit ();
  b->loop = g_main_loop_new (NULL, FALSE);
  b->session = soup_session_new_with_options ("max-conns", 4096, "max-conns-per-host", 4096,
                                              "timeout", 90, "idle-timeout", 0, NULL);
  b->cancellable = g_cancellable_new ();
  b->rand = g_rand_new_with_seed (0x800);
  b->admin_md5 = md5_upper (ADMIN_PASSWORD);
  b->demo_md5 = md5_upper (DEMO_PASSWORD);
  b->bench_md5 = md5_upper (BENCH_PASSWORD);
  b->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&b->to_open);
  b->candidates = g_ptr_array_new ();
  b->agents = g_ptr_array_new_with_free_func (agent_free);
  b->phones = g_ptr_array_new_with_free_func (g_free);
  b->release_ms = g_array_new (FALSE, FALSE, sizeof (double));
  b->mixed_ms = g_array_new (FALSE, FALSE, sizeof (double));
  b->per_method = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) g_array_unref);

  b->limit_timer = g_timeout_add_seconds (SETUP_LIMIT_S + WARMUP_LIMIT_S + b->duration_s +
                                          DRAIN_LIMIT_S + 10, on_time_limit_cb, b);
  send_message (b, api_message (b, ADMIN_ACCOUNT, b->admin_md5, "getExtensions", NULL),
                on_extensions_cb, NULL);
  g_main_loop_run (b->loop);

  print_report (b);
  status = b->failure != NULL ? 1 : 0;
  if (b->failure != NULL)
    g_printerr ("bench-longpoll: %s\n", b->failure);

  g_cancellable_cancel (b->cancellable);
  soup_session_abort (b->session);
  g_clear_handle_id (&b->limit_timer, g_source_remove);
  g_clear_handle_id (&b->phase_timer, g_source_remove);
  g_clear_handle_id (&b->mixed_timer, g_source_remove);
  g_clear_handle_id (&b->status_timer, g_source_remove);
  g_clear_object (&b->session);
  g_clear_object (&b->cancellable);
  g_ptr_array_unref (b->agents);
  g_ptr_array_unref (b->phones);
  g_ptr_array_unref (b->candidates);
  g_array_unref (b->release_ms);
  g_array_unref (b->mixed_ms);
  g_hash_table_unref (b->per_method);
  g_hash_table_unref (b->taken);
  g_queue_clear (&b->to_open);
  g_rand_free (b->rand);
  g_free (b->admin_md5);
  g_free (b->demo_md5);
  g_free (b->bench_md5);
  g_free (b->api);
  g_free (b->control);
  g_free (b->failure);
  g_main_loop_unref (b->loop);
  return status;
}
