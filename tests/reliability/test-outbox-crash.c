/* test-outbox-crash.c — 200 writes, faults coming and going, kill -9 three times: the server
 * ends up with exactly those 200 writes, in order
 *
 * The writes (outbox-plan.h) are memos to three numbers, new customers and locks of two
 * demo customers. A separate process, outbox-feeder, holds the AgentOutbox; the test spawns
 * it, lets it commit a batch and deliver while the sandbox goes down, answers garbage, 502
 * pages and resets — and kills it with SIGKILL at the worst moment there is: the server has
 * just stored a write and the outbox has not yet heard of it (the feeder stops dead in its
 * client's request-finished handler and says `paused`). The three kills land after an
 * addMemo, a saveCustomer and a setCustomerLock. A last feeder drains the outbox.
 *
 * Then the sandbox is asked: getMemos lists each number's memos once each, in sequence;
 * getcustomer finds every new customer under its name; each lock customer is in the state of
 * its last lock write; and the request log shows every memo and customer stored exactly once,
 * in the order they were written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "outbox-plan.h"
#include "reliab-util.h"

#define RUN_TIMEOUT_MS 90000

typedef struct
{
  IntegFixture  f;
  char         *dir;
  char         *db;
  char         *memo_phones[3];
  char         *memo_phones_arg;
  char         *locks_arg;
  gint64        lock_ids[2];
  char         *lock_phones[2];
  char         *save_prefix;
  guint         faults_posted;
  guint         kills;
} Crash;

/* ---- the feeder process ---- */

typedef struct
{
  char     *line;
  GError   *error;
  gboolean  done;
} LineRead;

static void
on_line_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  LineRead *read = user_data;

  read->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object), result,
                                                          NULL, &read->error);
  read->done = TRUE;
}

static gboolean
line_done (gpointer user_data)
{
  return ((LineRead *) user_data)->done;
}

static char *
read_line (GDataInputStream *stream)
{
  LineRead read = { 0 };

  g_data_input_stream_read_line_async (stream, G_PRIORITY_DEFAULT, NULL, on_line_cb, &read);
  if (!integ_spin_until (line_done, &read, RUN_TIMEOUT_MS))
    g_error ("The outbox feeder said nothing for %u ms", RUN_TIMEOUT_MS);
  g_assert_no_error (read.error);
  return read.line;
}

static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static const char * const fault_cycle[] = { "down", "garbage", "http500", "reset" };

/* Every few answers the sandbox misbehaves for a moment (it ends the fault itself). */
static void
maybe_fault (Crash *c,
             guint  answers)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) answer = NULL;

  if (answers % 6 != 0)
    return;
  json = g_strdup_printf ("{\"mode\":\"%s\",\"ms\":300}",
                          fault_cycle[c->faults_posted++ % G_N_ELEMENTS (fault_cycle)]);
  answer = integ_control (&c->f, "/sandbox/fault", json);
}

static gboolean
process_exited (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
on_exited_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

/* One feeder: writes @first…@last; killed after the server's @pause_after-th answer, or
 * (when @pause_after is NULL) left to drain the outbox and exit. */
static void
run_feeder (Crash      *c,
            guint       first,
            guint       last,
            const char *pause_after)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *feeder = g_test_build_filename (G_TEST_BUILT, "reliability", "outbox-feeder",
                                                   NULL);
  guint answers = 0, committed = 0;
  gboolean exited = FALSE, paused = FALSE, fed = FALSE;

  g_ptr_array_add (args, g_strdup (feeder));
  g_ptr_array_add (args, g_strdup_printf ("--db=%s", c->db));
  g_ptr_array_add (args, g_strdup_printf ("--url=%s", c->f.url));
  g_ptr_array_add (args, g_strdup_printf ("--first=%u", first));
  g_ptr_array_add (args, g_strdup_printf ("--last=%u", last));
  g_ptr_array_add (args, g_strdup_printf ("--memo-phones=%s", c->memo_phones_arg));
  g_ptr_array_add (args, g_strdup_printf ("--locks=%s", c->locks_arg));
  g_ptr_array_add (args, g_strdup_printf ("--save-prefix=%s", c->save_prefix));
  if (pause_after != NULL)
    g_ptr_array_add (args, g_strdup_printf ("--pause-after=%s", pause_after));
  else
    g_ptr_array_add (args, g_strdup ("--drain"));
  g_ptr_array_add (args, NULL);

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  for (;;)
    {
      g_autofree char *line = read_line (out);

      if (line == NULL)
        break;
      if (g_str_has_prefix (line, "error ") || g_str_has_prefix (line, "failed "))
        g_error ("The outbox feeder says: %s", line);
      if (g_str_has_prefix (line, "committed "))
        {
          committed++;
          g_assert_cmpuint (g_ascii_strtoull (line + strlen ("committed "), NULL, 10), ==,
                            first + committed - 1);
        }
      else if (g_str_has_prefix (line, "fed "))
        {
          g_assert_cmpuint (committed, ==, last >= first ? last - first + 1 : 0);
          fed = TRUE;
        }
      else if (g_str_has_prefix (line, "answered "))
        maybe_fault (c, ++answers);
      else if (g_str_equal (line, "paused"))
        {
          paused = TRUE;
          break;
        }
      else if (g_str_equal (line, "drained"))
        break;
    }

  g_assert_true (fed);
  if (pause_after != NULL)
    {
      g_assert_true (paused);
      /* kill -9, right between the server's answer and the outbox's bookkeeping. */
      g_subprocess_force_exit (process);
      c->kills++;
    }

  g_subprocess_wait_async (process, NULL, on_exited_cb, &exited);
  reliab_wait (process_exited, &exited, 20000, "the outbox feeder to end");
  if (pause_after != NULL)
    {
      g_assert_true (g_subprocess_get_if_signaled (process));
      g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
    }
  else
    {
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    }
  g_test_message ("feeder %u…%u: %u writes committed, %u answers, %s", first, last, committed,
                  answers, pause_after ? "killed" : "drained");

  /* Whatever the sandbox is doing, the next feeder starts against a server that works. */
  integ_fault (&c->f, "none", 0);
}

/* ---- what the server holds ---- */

static guint
seq_of (const char *text,
        const char *prefix)
{
  if (text == NULL || !g_str_has_prefix (text, prefix))
    return 0;
  return (guint) g_ascii_strtoull (text + strlen (prefix), NULL, 10);
}

static void
check_request_log (Crash *c)
{
  g_autoptr(JsonObject) log = integ_control (&c->f, "/sandbox/requests", NULL);
  JsonArray *requests = json_object_get_array_member (log, "requests");
  g_autofree guint *stored = g_new0 (guint, PLAN_WRITES + 1);
  guint previous = 0, n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *entry = json_array_get_object_element (requests, i);
      const char *method = json_object_get_string_member_with_default (entry, "method", "");
      JsonObject *params;
      guint seq;

      if (integ_json_int (entry, "code", -1) != 0
          || g_strcmp0 (json_object_get_string_member_with_default (entry, "fault", ""), "none") != 0
          || !json_object_has_member (entry, "params"))
        continue;
      params = json_object_get_object_member (entry, "params");

      if (g_str_equal (method, "addMemo"))
        seq = seq_of (json_object_get_string_member_with_default (params, "cdrMemo", NULL),
                      "Crash test memo #");
      else if (g_str_equal (method, "saveCustomer"))
        seq = seq_of (json_object_get_string_member_with_default (params, "custName", NULL),
                      "Crash test customer #");
      else
        continue;

      if (seq == 0)
        continue;
      g_assert_cmpuint (seq, <=, PLAN_WRITES);
      stored[seq]++;
      /* In the order they were written. */
      if (seq <= previous)
        g_error ("Write %u reached the server after write %u", seq, previous);
      previous = seq;
      n++;
    }

  for (guint i = 1; i <= PLAN_WRITES; i++)
    {
      if (plan_kind (i) == PLAN_LOCK)
        continue;
      if (stored[i] != 1)
        g_error ("Write %u is on the server %u times", i, stored[i]);
    }
  g_test_message ("the request log holds %u memos and customers, each once, in order", n);
}

static void
check_memos (Crash *c)
{
  for (guint p = 0; p < G_N_ELEMENTS (c->memo_phones); p++)
    {
      g_autoptr(GPtrArray) memos = reliab_server_memos (&c->f, c->memo_phones[p]);
      g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 1; i <= PLAN_WRITES; i++)
        if (plan_kind (i) == PLAN_MEMO && plan_pick (i, G_N_ELEMENTS (c->memo_phones)) == p)
          g_ptr_array_add (expected, plan_memo_text (i));

      g_test_message ("%s: %u memos on the server, %u written", c->memo_phones[p], memos->len,
                      expected->len);
      g_assert_cmpuint (memos->len, ==, expected->len);
      for (guint i = 0; i < memos->len; i++)
        g_assert_cmpstr (g_ptr_array_index (memos, i), ==, g_ptr_array_index (expected, i));
    }
}

static BbhCustomer *
get_customer (Crash      *c,
              const char *phone)
{
  g_autoptr(GError) error = NULL;
  BbhCustomer *customer;

  bbh_client_get_customer_async (c->f.agent, phone, NULL, integ_on_result_cb, &c->f);
  customer = bbh_client_get_customer_finish (c->f.agent, integ_wait (&c->f), &error);
  g_assert_no_error (error);
  return customer;
}

static void
check_customers (Crash *c)
{
  guint last_lock[2] = { 0, 0 };

  for (guint i = 1; i <= PLAN_WRITES; i++)
    {
      if (plan_kind (i) == PLAN_SAVE)
        {
          g_autofree char *phone = plan_customer_phone (c->save_prefix, i);
          g_autofree char *name = plan_customer_name (i);
          g_autoptr(BbhCustomer) customer = get_customer (c, phone);

          g_assert_nonnull (customer);
          g_assert_cmpstr (bbh_customer_get_name (customer), ==, name);
        }
      else if (plan_kind (i) == PLAN_LOCK)
        last_lock[plan_pick (i, 2)] = i;
    }

  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(BbhCustomer) customer = get_customer (c, c->lock_phones[k]);

      g_assert_nonnull (customer);
      g_assert_cmpuint (last_lock[k], >, 0);
      g_assert_cmpint (bbh_customer_get_is_locked (customer), ==, plan_locked (last_lock[k]));
    }
}

/* ---- the test ---- */

static void
pick_lock_customers (Crash *c)
{
  g_autoptr(BbhCustomerQuery) query = bbh_customer_query_new ();
  g_autoptr(GListModel) page = NULL;
  g_autoptr(GError) error = NULL;
  GString *locks = g_string_new (NULL);

  bbh_customer_query_set_page (query, 0, 10);
  bbh_client_get_customers_page_async (c->f.agent, query, NULL, integ_on_result_cb, &c->f);
  page = bbh_client_get_customers_page_finish (c->f.agent, integ_wait (&c->f), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (page), >=, 2);
  for (guint k = 0; k < 2; k++)
    {
      g_autoptr(BbhCustomer) customer = g_list_model_get_item (page, k);

      c->lock_ids[k] = bbh_customer_get_id (customer);
      c->lock_phones[k] = g_strdup (bbh_customer_get_phone (customer));
      g_assert_nonnull (c->lock_phones[k]);
      g_string_append_printf (locks, "%s%" G_GINT64_FORMAT ":%s", k ? "," : "", c->lock_ids[k],
                              c->lock_phones[k]);
    }
  c->locks_arg = g_string_free (locks, FALSE);
}

static void
test_crash (void)
{
  Crash c = { 0 };
  g_autoptr(GError) error = NULL;

  integ_set_up (&c.f, NULL);
  c.dir = g_dir_make_tmp ("reliab-crash-XXXXXX", &error);
  g_assert_no_error (error);
  c.db = g_build_filename (c.dir, "outbox.db", NULL);
  for (guint p = 0; p < G_N_ELEMENTS (c.memo_phones); p++)
    c.memo_phones[p] = integ_unique_phone ();
  c.memo_phones_arg = g_strjoin (",", c.memo_phones[0], c.memo_phones[1], c.memo_phones[2], NULL);
  c.save_prefix = g_strdup_printf ("148%05u", (guint) (getpid () % 100000));
  pick_lock_customers (&c);

  run_feeder (&c, 1, 70, "addMemo:20");
  run_feeder (&c, 71, 140, "saveCustomer:5");
  run_feeder (&c, 141, 200, "setCustomerLock:4");
  run_feeder (&c, 201, 200, NULL);
  g_assert_cmpuint (c.kills, ==, 3);
  g_assert_cmpuint (c.faults_posted, >, 3);

  check_request_log (&c);
  check_memos (&c);
  check_customers (&c);

  g_clear_object (&c.f.result);
  integ_tear_down (&c.f, NULL);
  {
    g_autoptr(GDir) dir = g_dir_open (c.dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (c.dir, name, NULL);

        g_unlink (child);
      }
    g_rmdir (c.dir);
  }
  for (guint p = 0; p < G_N_ELEMENTS (c.memo_phones); p++)
    g_free (c.memo_phones[p]);
  g_free (c.lock_phones[0]);
  g_free (c.lock_phones[1]);
  g_free (c.memo_phones_arg);
  g_free (c.locks_arg);
  g_free (c.save_prefix);
  g_free (c.db);
  g_free (c.dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agent/outbox-crash/kill-9-three-times", test_crash);

  return g_test_run ();
}
