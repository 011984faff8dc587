/* test-outbox.c — AgentOutbox: durable, ordered, exactly once, against real HTTP servers
 *
 * The first cases use a scripted SoupServer (tests/api/bbh-test-server.h) to control each
 * answer and read back every request; the last ones run the real babaihu-sandbox with its
 * fault modes and check what reached its database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "agent-outbox.h"
#include "bbh-test-server.h"
#include "test-sandbox-control.h"

#define ACCOUNT      "100008800"
#define PASSWORD     "02367073578"
/* Nothing listens on port 1: every request fails at once with "unreachable". */
#define DEAD_URL     "http://127.0.0.1:1"

typedef struct
{
  char          *dir;
  char          *path;
  BbhTestServer *server;
  AgentOutbox   *outbox;
  GPtrArray     *delivered;   /* phones, in order */
  GPtrArray     *failures;    /* messages */
} Fixture;

typedef gboolean (*Condition) (Fixture *f);

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_until (Fixture   *f,
            Condition  condition,
            guint      timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, on_timeout_cb, &timed_out);

  while (!condition (f) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Condition not met within %u ms", timeout_ms);
  g_source_remove (id);
}

static BbhClient *
client_for (const char *url)
{
  g_autofree char *md5 = bbh_password_md5 (PASSWORD);
  BbhClient *client = bbh_client_new (url, ACCOUNT, md5);

  bbh_client_set_timeout (client, 5);
  return client;
}

static BbhClient *
client_for_server (Fixture *f)
{
  g_autofree char *url = bbh_test_server_dup_url (f->server);

  return client_for (url);
}

static void
on_delivered_cb (AgentOutbox     *outbox,
                 gint64           id,
                 AgentOutboxKind  kind,
                 const char      *phone,
                 Fixture         *f)
{
  g_ptr_array_add (f->delivered, g_strdup (phone));
}

static void
on_entry_failed_cb (AgentOutbox     *outbox,
                    gint64           id,
                    AgentOutboxKind  kind,
                    const char      *phone,
                    const char      *message,
                    Fixture         *f)
{
  g_ptr_array_add (f->failures, g_strdup (message));
}

static void
on_opened_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AgentOutbox **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = agent_outbox_new_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
outbox_is_open (Fixture *f)
{
  return f->outbox != NULL;
}

static void
open_outbox (Fixture *f)
{
  g_assert_null (f->outbox);
  agent_outbox_new_async (f->path, NULL, on_opened_cb, &f->outbox);
  wait_until (f, outbox_is_open, 10000);
  agent_outbox_set_retry_delay (f->outbox, 50);
  g_signal_connect (f->outbox, "delivered", G_CALLBACK (on_delivered_cb), f);
  g_signal_connect (f->outbox, "entry-failed", G_CALLBACK (on_entry_failed_cb), f);
}

/* Lets whatever is under way finish (it holds references), then proves nothing leaked. */
static void
close_outbox (Fixture *f)
{
  agent_outbox_set_client (f->outbox, NULL);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  while (G_OBJECT (f->outbox)->ref_count > 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_finalize_object (g_steal_pointer (&f->outbox));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A subprocess case works in its parent's directory. */
  if (g_test_subprocess () && g_getenv ("TEST_OUTBOX_DIR") != NULL)
    f->dir = g_strdup (g_getenv ("TEST_OUTBOX_DIR"));
  else
    f->dir = g_dir_make_tmp ("test-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "state", "babaihu-agent", "outbox.db", NULL);
  f->server = bbh_test_server_new ();
  f->delivered = g_ptr_array_new_with_free_func (g_free);
  f->failures = g_ptr_array_new_with_free_func (g_free);
  open_outbox (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *cmd = NULL;

  if (f->outbox != NULL)
    close_outbox (f);
  bbh_test_server_free (f->server);
  g_ptr_array_unref (f->delivered);
  g_ptr_array_unref (f->failures);
  cmd = g_strdup_printf ("rm -rf '%s'", f->dir);
  g_assert_cmpint (system (cmd), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

typedef struct
{
  gboolean done;
  gint64   id;
  GError  *error;
} AddResult;

static void
on_added_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AddResult *r = user_data;

  r->id = agent_outbox_add_finish (AGENT_OUTBOX (object), result, &r->error);
  r->done = TRUE;
}

static gint64
add_memo (Fixture    *f,
          const char *phone,
          const char *text)
{
  AddResult r = { 0 };

  agent_outbox_add_memo_async (f->outbox, phone, text, NULL, NULL, on_added_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_cmpint (r.id, >, 0);
  return r.id;
}

static guint expected_delivered;
static guint expected_pending;

static gboolean
delivered_reached (Fixture *f)
{
  return f->delivered->len >= expected_delivered;
}

static gboolean
stalled (Fixture *f)
{
  return agent_outbox_get_stalled (f->outbox);
}

static gboolean
pending_is (Fixture *f)
{
  return agent_outbox_get_pending (f->outbox) == expected_pending;
}

static gboolean
one_failure (Fixture *f)
{
  return f->failures->len >= 1;
}

/* Run a query against the outbox database from outside, as another process would. */
static gint64
db_query_int (Fixture    *f,
              const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
db_exec (Fixture    *f,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static const char *
request_param (Fixture    *f,
               guint       index,
               const char *name)
{
  BbhTestRequest *req = bbh_test_server_get_request (f->server, index);

  g_assert_nonnull (req);
  return g_hash_table_lookup (req->params, name);
}

/* ---- cases ---- */

static void
test_add_needs_account (Fixture       *f,
                        gconstpointer  data)
{
  AddResult r = { 0 };

  agent_outbox_add_memo_async (f->outbox, "13800138000", "x", NULL, NULL, on_added_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_clear_error (&r.error);
  g_assert_cmpuint (agent_outbox_get_pending (f->outbox), ==, 0);
}

static void
test_durable (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(BbhClient) dead = client_for (DEAD_URL);
  g_autoptr(BbhClient) live = NULL;
  struct stat st;

  agent_outbox_set_client (f->outbox, dead);
  add_memo (f, "13800138000", "客户说下周再联系");
  g_assert_cmpuint (agent_outbox_get_pending (f->outbox), ==, 1);
  wait_until (f, stalled, 10000);
  g_assert_nonnull (agent_outbox_get_last_error (f->outbox));

  /* The database is the user's alone: it holds customer notes. */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  close_outbox (f);
  g_assert_cmpint (db_query_int (f, "SELECT COUNT(*) FROM entries"), ==, 1);

  open_outbox (f);
  /* Before a client is set every waiting entry counts. */
  g_assert_cmpuint (agent_outbox_get_pending (f->outbox), ==, 1);

  live = client_for_server (f);
  agent_outbox_set_client (f->outbox, live);
  expected_delivered = 1;
  wait_until (f, delivered_reached, 10000);
  g_assert_cmpstr (g_ptr_array_index (f->delivered, 0), ==, "13800138000");
  expected_pending = 0;
  wait_until (f, pending_is, 10000);
  g_assert_false (agent_outbox_get_stalled (f->outbox));

  /* It was in flight when the outbox closed, so the server was asked first. */
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "getMemos"), ==, 1);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "addMemo"), ==, 1);
  g_assert_cmpstr (request_param (f, 1, "method"), ==, "addMemo");
  g_assert_cmpstr (request_param (f, 1, "cdrMemo"), ==, "客户说下周再联系");
  g_assert_cmpstr (request_param (f, 1, "cdrPhone"), ==, "13800138000");
  g_assert_cmpint (db_query_int (f, "SELECT COUNT(*) FROM entries"), ==, 0);
}

static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(BbhClient) dead = client_for (DEAD_URL);
  g_autoptr(BbhClient) live = client_for_server (f);
  const char *phones[] = { "13800000001", "13800000002", "13800000003", "13800000004" };

  agent_outbox_set_client (f->outbox, dead);
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    add_memo (f, phones[i], phones[i]);
  g_assert_cmpuint (agent_outbox_get_pending (f->outbox), ==, G_N_ELEMENTS (phones));

  agent_outbox_set_client (f->outbox, live);
  expected_delivered = G_N_ELEMENTS (phones);
  wait_until (f, delivered_reached, 10000);

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    g_assert_cmpstr (g_ptr_array_index (f->delivered, i), ==, phones[i]);

  /* The requests went out one at a time, in the order the memos were written. */
  for (guint i = 0, memo = 0; i < bbh_test_server_get_n_requests (f->server); i++)
    if (g_strcmp0 (request_param (f, i, "method"), "addMemo") == 0)
      g_assert_cmpstr (request_param (f, i, "cdrMemo"), ==, phones[memo++]);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "addMemo"), ==, G_N_ELEMENTS (phones));
  expected_pending = 0;
  wait_until (f, pending_is, 10000);
}

static void
test_retry_transient (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BbhClient) live = client_for_server (f);

  /* Down twice (a proxy's 502 and an HTML error page), then up. */
  bbh_test_server_queue (f->server, "addMemo", 502, "text/html", "<html>Bad gateway</html>");
  bbh_test_server_queue (f->server, "addMemo", 200, "text/html", "<html>maintenance</html>");

  agent_outbox_set_client (f->outbox, live);
  add_memo (f, "13800138000", "回访");
  expected_delivered = 1;
  wait_until (f, delivered_reached, 20000);

  /* Each retry asked whether the earlier attempt had arrived before sending again. */
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "addMemo"), ==, 3);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "getMemos"), ==, 2);
  g_assert_cmpuint (f->failures->len, ==, 0);
  expected_pending = 0;
  wait_until (f, pending_is, 10000);
}

static void
test_permanent_error (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(BbhClient) dead = client_for (DEAD_URL);
  g_autoptr(BbhClient) live = client_for_server (f);

  agent_outbox_set_client (f->outbox, dead);
  add_memo (f, "13800000001", "first");
  add_memo (f, "13800000002", "second");

  bbh_test_server_queue_json (f->server, "getMemos", "{\"code\":0,\"rows\":[]}");
  bbh_test_server_queue_json (f->server, "addMemo", "{\"code\":-5,\"message\":\"no permission\"}");
  agent_outbox_set_client (f->outbox, live);

  expected_delivered = 1;
  wait_until (f, delivered_reached, 10000);
  wait_until (f, one_failure, 10000);

  /* The refused memo did not block the next one, and is kept, marked failed, not retried. */
  g_assert_cmpstr (g_ptr_array_index (f->delivered, 0), ==, "13800000002");
  g_assert_cmpuint (f->failures->len, ==, 1);
  g_assert_true (g_utf8_validate (g_ptr_array_index (f->failures, 0), -1, NULL));
  g_assert_null (strstr (g_ptr_array_index (f->failures, 0), "-5"));
  expected_pending = 0;
  wait_until (f, pending_is, 10000);
  g_assert_cmpuint (agent_outbox_get_failed (f->outbox), ==, 1);
  g_assert_cmpint (db_query_int (f, "SELECT COUNT(*) FROM entries WHERE state = 2"), ==, 1);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "addMemo"), ==, 2);

  /* Asked to, it tries again; this time the server takes it. */
  agent_outbox_retry_failed (f->outbox);
  expected_delivered = 2;
  wait_until (f, delivered_reached, 10000);
  g_assert_cmpstr (g_ptr_array_index (f->delivered, 1), ==, "13800000001");
  g_assert_cmpuint (agent_outbox_get_failed (f->outbox), ==, 0);
}

/* An entry found in flight (the app died between the server's answer and the delete) is
 * checked against the server and not sent twice. */
static void
test_in_flight_already_delivered (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(BbhClient) dead = client_for (DEAD_URL);
  g_autoptr(BbhClient) live = client_for_server (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M:%S");
  g_autofree char *memos = NULL;

  agent_outbox_set_client (f->outbox, dead);
  add_memo (f, "13800138000", "已发送过的备注");
  add_memo (f, "13800138001", "没有发送过的备注");
  close_outbox (f);
  db_exec (f, "UPDATE entries SET state = 1");

  memos = g_strdup_printf ("{\"code\":0,\"rows\":[{\"cmmId\":\"7687658987667780097\","
                           "\"cmmPhone\":\"13800138000\",\"cmmMemo\":\"已发送过的备注\","
                           "\"cmmTime\":\"%s\"}]}", when);
  bbh_test_server_queue_json (f->server, "getMemos", memos);
  /* The second number has an older memo with the same text: not the one in flight. */
  bbh_test_server_queue_json (f->server, "getMemos",
                              "{\"code\":0,\"rows\":[{\"cmmPhone\":\"13800138001\","
                              "\"cmmMemo\":\"没有发送过的备注\",\"cmmTime\":\"2019-01-01 10:00:00\"}]}");

  open_outbox (f);
  agent_outbox_set_client (f->outbox, live);
  expected_delivered = 2;
  wait_until (f, delivered_reached, 10000);

  g_assert_cmpuint (bbh_test_server_count_method (f->server, "getMemos"), ==, 2);
  g_assert_cmpuint (bbh_test_server_count_method (f->server, "addMemo"), ==, 1);
  g_assert_cmpstr (request_param (f, bbh_test_server_get_n_requests (f->server) - 1, "cdrMemo"),
                   ==, "没有发送过的备注");
  expected_pending = 0;
  wait_until (f, pending_is, 10000);
}

static void
test_watermark (Fixture       *f,
                gconstpointer  data)
{
  const char *server = "https://voip.800ing.com";
  /* 64-bit, beyond a double's exact range. */
  const gint64 big = G_GINT64_CONSTANT (7687658987667780097);

  g_assert_cmpint (agent_outbox_get_watermark (f->outbox, server, ACCOUNT), ==, -1);
  agent_outbox_set_watermark (f->outbox, server, ACCOUNT, 1700000000000);
  agent_outbox_set_watermark (f->outbox, server, ACCOUNT, big);
  g_assert_cmpint (agent_outbox_get_watermark (f->outbox, server, ACCOUNT), ==, big);
  close_outbox (f);
  g_assert_cmpint (db_query_int (f, "SELECT COUNT(*) FROM watermarks"), ==, 1);

  open_outbox (f);
  g_assert_cmpint (agent_outbox_get_watermark (f->outbox, server, ACCOUNT), ==, big);
  /* Another server or account has its own feed. */
  g_assert_cmpint (agent_outbox_get_watermark (f->outbox, "http://127.0.0.1:8081", ACCOUNT), ==, -1);
  g_assert_cmpint (agent_outbox_get_watermark (f->outbox, server, "100008801"), ==, -1);
}

static gint64
add_sms_record (Fixture    *f,
                gint64      id,
                const char *phone,
                const char *text,
                gint64      time_ms)
{
  AddResult r = { 0 };

  agent_outbox_add_sms_record_async (f->outbox, id, BBH_SMS_SENT, phone, text, time_ms, NULL,
                                     on_added_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_cmpint (r.id, >, 0);
  return r.id;
}

/* An SMS record written while the server is away waits on disk, survives a restart and is
 * sent once; found in flight it is simply sent again (the server keeps one per id). */
static void
test_sms_record (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(BbhClient) dead = client_for (DEAD_URL);
  g_autoptr(BbhClient) live = NULL;
  /* 64-bit, beyond a double's exact range. */
  const gint64 id = G_GINT64_CONSTANT (1764000000123456789);
  const gint64 time_ms = G_GINT64_CONSTANT (1764000000123);

  agent_outbox_set_client (f->outbox, dead);
  add_sms_record (f, id, "13800138000", "您好，明天上午十点回电", time_ms);
  g_assert_cmpuint (agent_outbox_get_pending (f->outbox), ==, 1);
  wait_until (f, stalled, 10000);
  g_assert_cmpuint (agent_outbox_get_failed (f->outbox), ==, 0);

  /* A restart: it is still there, and was in flight. */
  close_outbox (f);
  g_assert_cmpint (db_query_int (f, "SELECT COUNT(*) FROM entries WHERE kind = 'sms-record'"), ==, 1);
  open_outbox (f);
  g_assert_cmpuint (agent_outbox_get_pending (f->outbox), ==, 1);

  live = client_for_server (f);
  agent_outbox_set_client (f->outbox, live);
  expected_delivered = 1;
  wait_until (f, delivered_reached, 10000);
  g_assert_cmpstr (g_ptr_array_index (f->delivered, 0), ==, "13800138000");
  expected_pending = 0;
  wait_until (f, pending_is, 10000);
  g_assert_cmpint (db_query_int (f, "SELECT COUNT(*) FROM entries"), ==, 0);

  /* One request, with every field as written; nothing asked first. */
  g_assert_cmpuint (bbh_test_server_get_n_requests (f->server), ==, 1);
  g_assert_cmpstr (request_param (f, 0, "method"), ==, "addSmsRecord");
  g_assert_cmpstr (request_param (f, 0, "id"), ==, "1764000000123456789");
  g_assert_cmpstr (request_param (f, 0, "kind"), ==, "3");
  g_assert_cmpstr (request_param (f, 0, "phone"), ==, "13800138000");
  g_assert_cmpstr (request_param (f, 0, "content"), ==, "您好，明天上午十点回电");
  g_assert_cmpstr (request_param (f, 0, "time"), ==, "1764000000123");
  g_assert_cmpuint (f->failures->len, ==, 0);
}

/* kill -9 right after the commit: the memo is on disk. */
static void
test_kill_after_commit (Fixture       *f,
                        gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(BbhClient) dead = client_for (DEAD_URL);

      agent_outbox_set_client (f->outbox, dead);
      add_memo (f, "13800138000", "kill -9");
      kill (getpid (), SIGKILL);
      return;
    }

  close_outbox (f);
  /* The child opens the same path: it is derived from the directory we pass down. */
  g_setenv ("TEST_OUTBOX_DIR", f->dir, TRUE);
  g_test_trap_subprocess (NULL, 20 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_assert_false (g_test_trap_has_passed ());

  g_assert_cmpint (db_query_int (f, "SELECT COUNT(*) FROM entries WHERE kind = 'memo'"), ==, 1);
  open_outbox (f);
  g_assert_cmpuint (agent_outbox_get_pending (f->outbox), ==, 1);
}

/* ---- against the sandbox ---- */

static guint
sandbox_count_memos (TestSandbox *sandbox,
                     const char  *phone,
                     const char  *text)
{
  g_autoptr(BbhClient) client = client_for (test_sandbox_get_url (sandbox));
  g_autoptr(GListModel) memos = test_sandbox_get_memos (sandbox, client, phone);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (memos); i++)
    {
      g_autoptr(BbhMemo) memo = g_list_model_get_item (memos, i);

      if (g_strcmp0 (bbh_memo_get_text (memo), text) == 0)
        n++;
    }

  return n;
}

static void
test_sandbox_outage (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TestSandbox) sandbox = test_sandbox_new ();
  g_autoptr(BbhClient) client = client_for (test_sandbox_get_url (sandbox));
  g_autofree char *text = g_strdup_printf ("服务器宕机时写的备注 %" G_GINT64_FORMAT,
                                           g_get_real_time ());

  agent_outbox_set_client (f->outbox, client);
  test_sandbox_fault (sandbox, "down", 1500);
  add_memo (f, "13800138000", text);
  wait_until (f, stalled, 10000);
  g_assert_cmpuint (agent_outbox_get_pending (f->outbox), ==, 1);

  /* The fault ends by itself; the back-off brings the memo in. */
  expected_delivered = 1;
  wait_until (f, delivered_reached, 30000);
  g_assert_cmpuint (sandbox_count_memos (sandbox, "13800138000", text), ==, 1);
  expected_pending = 0;
  wait_until (f, pending_is, 10000);
}

static void
test_sandbox_in_flight (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(TestSandbox) sandbox = test_sandbox_new ();
  g_autoptr(BbhClient) client = client_for (test_sandbox_get_url (sandbox));
  g_autoptr(BbhClient) dead = client_for (DEAD_URL);
  g_autofree char *text = g_strdup_printf ("崩溃前已送达 %" G_GINT64_FORMAT, g_get_real_time ());

  /* The memo reached the server, then the app died before deleting its entry. */
  agent_outbox_set_client (f->outbox, dead);
  add_memo (f, "13800138000", text);
  close_outbox (f);
  db_exec (f, "UPDATE entries SET state = 1");
  test_sandbox_add_memo (sandbox, client, "13800138000", text);
  g_assert_cmpuint (sandbox_count_memos (sandbox, "13800138000", text), ==, 1);

  open_outbox (f);
  agent_outbox_set_client (f->outbox, client);
  expected_delivered = 1;
  wait_until (f, delivered_reached, 10000);
  g_assert_cmpuint (sandbox_count_memos (sandbox, "13800138000", text), ==, 1);
}

/* The server's log of addSmsRecord requests it served (not faulted) for @phone. */
static guint
sandbox_count_sms_records (TestSandbox *sandbox,
                           const char  *phone,
                           const char  *id)
{
  g_autoptr(JsonNode) node = test_sandbox_dup_requests (sandbox);
  JsonArray *requests;
  guint n = 0;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  requests = json_object_get_array_member (json_node_get_object (node), "requests");

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (requests, i);
      JsonObject *params = json_object_get_object_member (entry, "params");

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "method", ""),
                     "addSmsRecord") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "fault", ""), "none") == 0 &&
          params != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (params, "phone", ""), phone) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (params, "id", ""), id) == 0)
        n++;
    }
  return n;
}

static void
test_sandbox_sms_outage (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(TestSandbox) sandbox = test_sandbox_new ();
  g_autoptr(BbhClient) client = client_for (test_sandbox_get_url (sandbox));
  gint64 now = g_get_real_time ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, now);

  agent_outbox_set_client (f->outbox, client);
  test_sandbox_fault (sandbox, "down", 1500);
  add_sms_record (f, now, "13800138000", "服务器宕机时发的短信", now / 1000);
  wait_until (f, stalled, 10000);
  g_assert_cmpuint (agent_outbox_get_pending (f->outbox), ==, 1);

  /* The fault ends by itself; the back-off brings the record in, once. */
  expected_delivered = 1;
  wait_until (f, delivered_reached, 30000);
  expected_pending = 0;
  wait_until (f, pending_is, 10000);
  g_assert_cmpuint (sandbox_count_sms_records (sandbox, "13800138000", id), ==, 1);
  g_assert_cmpuint (f->failures->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/agent/outbox/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("add-needs-account", test_add_needs_account);
  ADD ("durable", test_durable);
  ADD ("order", test_order);
  ADD ("retry-transient", test_retry_transient);
  ADD ("permanent-error", test_permanent_error);
  ADD ("in-flight-already-delivered", test_in_flight_already_delivered);
  ADD ("watermark", test_watermark);
  ADD ("kill-after-commit", test_kill_after_commit);
  ADD ("sandbox-outage", test_sandbox_outage);
  ADD ("sandbox-in-flight", test_sandbox_in_flight);
  ADD ("sms-record", test_sms_record);
  ADD ("sandbox-sms-outage", test_sandbox_sms_outage);

#undef ADD

  return g_test_run ();
}
