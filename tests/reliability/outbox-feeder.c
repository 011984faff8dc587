/* outbox-feeder.c — a process that holds an AgentOutbox, for test-outbox-crash to kill
 *
 *   outbox-feeder --db FILE --url URL --first N --last M --memo-phones P,P,…
 *                 --locks ID:PHONE,… --save-prefix DIGITS [--pause-after METHOD:N] [--drain]
 *
 * Commits writes N…M of the plan (outbox-plan.h) while the outbox's client points at a port
 * where nothing listens, so that every one is on disk before any can reach the server; then
 * gives the outbox the real client. It reports on stdout, one
 * line each: `committed I`, `fed M`, `answered METHOD N` (the server took the N-th write of
 * METHOD), `delivered ID`, `failed ID MESSAGE`, `pending N`. With --pause-after it stops
 * dead right after the server's answer to that write — before the outbox has heard of it,
 * let alone removed the entry — and prints `paused`, so the test kills it in the one moment
 * that can deliver a write twice. With --drain it exits once the outbox is empty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "agent-outbox.h"
#include "outbox-plan.h"

#define ACCOUNT  "100008800"
#define PASSWORD "02367073578"

static char *db_path;
static char *url;
static int first = 1;
static int last = 0;
static char *memo_phones_arg;
static char *locks_arg;
static char *save_prefix;
static char *pause_after;
static gboolean drain;

static const GOptionEntry entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "The outbox database", "FILE" },
  { "url", 0, 0, G_OPTION_ARG_STRING, &url, "The server", "URL" },
  { "first", 0, 0, G_OPTION_ARG_INT, &first, "First write", "N" },
  { "last", 0, 0, G_OPTION_ARG_INT, &last, "Last write", "M" },
  { "memo-phones", 0, 0, G_OPTION_ARG_STRING, &memo_phones_arg, "Memo numbers", "P,…" },
  { "locks", 0, 0, G_OPTION_ARG_STRING, &locks_arg, "Lock customers", "ID:PHONE,…" },
  { "save-prefix", 0, 0, G_OPTION_ARG_STRING, &save_prefix, "New customers' prefix", "DIGITS" },
  { "pause-after", 0, 0, G_OPTION_ARG_STRING, &pause_after, "Stop after an answer", "METHOD:N" },
  { "drain", 0, 0, G_OPTION_ARG_NONE, &drain, "Exit once everything is delivered", NULL },
  { NULL }
};

typedef struct
{
  AgentOutbox  *outbox;
  BbhClient    *client;
  BbhClient    *nowhere;        /* the account, but no server: nothing is delivered yet */
  GMainLoop    *loop;
  char        **memo_phones;
  char        **locks;
  GHashTable   *answered;       /* method → count */
  char         *pause_method;
  guint         pause_n;
  int           next;
  gboolean      fed;
  int           status;
} Feeder;

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stdout, format, args);
  va_end (args);
  fputc ('\n', stdout);
  fflush (stdout);
}

static void feed_next (Feeder *feeder);

static void
check_drained (Feeder *feeder)
{
  if (drain && feeder->fed && agent_outbox_get_pending (feeder->outbox) == 0)
    {
      say ("drained");
      g_main_loop_quit (feeder->loop);
    }
}

static void
on_pending_cb (AgentOutbox *outbox,
               GParamSpec  *pspec,
               Feeder      *feeder)
{
  say ("pending %u", agent_outbox_get_pending (outbox));
  check_drained (feeder);
}

static void
on_delivered_cb (AgentOutbox     *outbox,
                 gint64           id,
                 AgentOutboxKind  kind,
                 const char      *phone,
                 Feeder          *feeder)
{
  say ("delivered %" G_GINT64_FORMAT, id);
}

static void
on_entry_failed_cb (AgentOutbox     *outbox,
                    gint64           id,
                    AgentOutboxKind  kind,
                    const char      *phone,
                    const char      *message,
                    Feeder          *feeder)
{
  say ("failed %" G_GINT64_FORMAT " %s", id, message);
}

static void
on_request_finished_cb (BbhClient  *client,
                        const char *method,
                        double      ms,
                        gboolean    ok,
                        Feeder     *feeder)
{
  guint n;

  if (!ok || (!g_str_equal (method, "addMemo") && !g_str_equal (method, "saveCustomer")
              && !g_str_equal (method, "setCustomerLock")))
    return;

  n = GPOINTER_TO_UINT (g_hash_table_lookup (feeder->answered, method)) + 1;
  g_hash_table_insert (feeder->answered, g_strdup (method), GUINT_TO_POINTER (n));
  say ("answered %s %u", method, n);

  if (feeder->pause_method != NULL && g_str_equal (method, feeder->pause_method)
      && n == feeder->pause_n)
    {
      /* The server has it; the outbox has not heard yet. Wait here for SIGKILL. */
      say ("paused");
      for (;;)
        pause ();
    }
}

static void
on_added_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Feeder *feeder = user_data;
  g_autoptr(GError) error = NULL;

  if (agent_outbox_add_finish (AGENT_OUTBOX (object), result, &error) <= 0)
    {
      say ("error %s", error->message);
      feeder->status = 1;
      g_main_loop_quit (feeder->loop);
      return;
    }
  say ("committed %d", feeder->next);
  feeder->next++;
  feed_next (feeder);
}

static void
feed_next (Feeder *feeder)
{
  guint i = feeder->next;

  if (feeder->next > last)
    {
      feeder->fed = TRUE;
      say ("fed %d", last);
      /* Everything is on disk: now the server may have it. */
      agent_outbox_set_client (feeder->outbox, feeder->client);
      agent_outbox_retry_now (feeder->outbox);
      check_drained (feeder);
      return;
    }

  switch (plan_kind (i))
    {
    case PLAN_MEMO:
      {
        g_autofree char *text = plan_memo_text (i);
        const char *phone = feeder->memo_phones[plan_pick (i, g_strv_length (feeder->memo_phones))];

        agent_outbox_add_memo_async (feeder->outbox, phone, text, NULL, NULL, on_added_cb, feeder);
      }
      break;

    case PLAN_SAVE:
      {
        g_autoptr(JsonObject) fields = json_object_new ();
        g_autofree char *phone = plan_customer_phone (save_prefix, i);
        g_autofree char *name = plan_customer_name (i);

        json_object_set_string_member (fields, "custName", name);
        json_object_set_string_member (fields, "cpPhone", phone);
        agent_outbox_add_customer_save_async (feeder->outbox, phone, fields, NULL, on_added_cb,
                                              feeder);
      }
      break;

    case PLAN_LOCK:
      {
        const char *lock = feeder->locks[plan_pick (i, g_strv_length (feeder->locks))];
        g_auto(GStrv) parts = g_strsplit (lock, ":", 2);

        agent_outbox_add_customer_lock_async (feeder->outbox,
                                              g_ascii_strtoll (parts[0], NULL, 10), parts[1],
                                              plan_locked (i), NULL, on_added_cb, feeder);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
on_opened_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Feeder *feeder = user_data;
  g_autoptr(GError) error = NULL;

  feeder->outbox = agent_outbox_new_finish (result, &error);
  if (feeder->outbox == NULL)
    {
      say ("error %s", error->message);
      feeder->status = 1;
      g_main_loop_quit (feeder->loop);
      return;
    }

  agent_outbox_set_retry_delay (feeder->outbox, 100);
  g_signal_connect (feeder->outbox, "notify::pending", G_CALLBACK (on_pending_cb), feeder);
  g_signal_connect (feeder->outbox, "delivered", G_CALLBACK (on_delivered_cb), feeder);
  g_signal_connect (feeder->outbox, "entry-failed", G_CALLBACK (on_entry_failed_cb), feeder);
  agent_outbox_set_client (feeder->outbox, feeder->nowhere);
  say ("ready %u", agent_outbox_get_pending (feeder->outbox));
  feed_next (feeder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— feed an outbox");
  g_autoptr(GError) error = NULL;
  g_autofree char *md5 = NULL;
  Feeder feeder = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db_path == NULL || url == NULL
      || memo_phones_arg == NULL || locks_arg == NULL || save_prefix == NULL)
    {
      g_printerr ("outbox-feeder: %s\n", error ? error->message : "missing options");
      return 2;
    }

  md5 = bbh_password_md5 (PASSWORD);
  feeder.client = bbh_client_new (url, ACCOUNT, md5);
  feeder.nowhere = bbh_client_new ("http://127.0.0.1:1", ACCOUNT, md5);
  bbh_client_set_timeout (feeder.client, 5);
  feeder.loop = g_main_loop_new (NULL, FALSE);
  feeder.memo_phones = g_strsplit (memo_phones_arg, ",", -1);
  feeder.locks = g_strsplit (locks_arg, ",", -1);
  feeder.answered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  feeder.next = first;
  if (pause_after != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (pause_after, ":", 2);

      feeder.pause_method = g_strdup (parts[0]);
      feeder.pause_n = parts[1] ? (guint) g_ascii_strtoull (parts[1], NULL, 10) : 1;
    }

  g_signal_connect (feeder.client, "request-finished", G_CALLBACK (on_request_finished_cb),
                    &feeder);
  agent_outbox_new_async (db_path, NULL, on_opened_cb, &feeder);
  g_main_loop_run (feeder.loop);

  if (feeder.outbox != NULL)
    {
      agent_outbox_set_client (feeder.outbox, NULL);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_clear_object (&feeder.outbox);
    }
  g_clear_object (&feeder.client);
  g_clear_object (&feeder.nowhere);
  g_main_loop_unref (feeder.loop);
  g_strfreev (feeder.memo_phones);
  g_strfreev (feeder.locks);
  g_hash_table_unref (feeder.answered);
  g_free (feeder.pause_method);
  return feeder.status;
}
