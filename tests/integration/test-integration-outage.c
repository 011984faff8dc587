/* test-integration-outage.c — the real babaihu-sandbox failing on purpose: the event stream
 * across an outage delivers every call exactly once, in order; each kind of fault reaches the
 * caller as the error that says what happened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "integ-util.h"

typedef struct
{
  IntegEvents *events;
  char       **phones;
} AllHungUp;

static gboolean
all_hung_up (gpointer user_data)
{
  AllHungUp *all = user_data;

  for (guint i = 0; all->phones[i] != NULL; i++)
    if (integ_events_count (all->events, all->phones[i], INTEG_STEP_HANGUP) == 0)
      return FALSE;
  return TRUE;
}

static gboolean
is_disconnected (gpointer user_data)
{
  return !bbh_event_stream_get_connected (user_data);
}

static void
test_outage (IntegFixture  *f,
             gconstpointer  data)
{
  g_autoptr(IntegEvents) events = integ_events_start (f->agent);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  gint64 cdr_ids[4];
  AllHungUp all;
  gint64 last_watermark = -1;
  guint next_call = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cdr_ids); i++)
    g_ptr_array_add (phones, integ_unique_phone ());
  g_ptr_array_add (phones, NULL);
  all.events = events;
  all.phones = (char **) phones->pdata;

  /* A call before the outage. */
  cdr_ids[0] = integ_script_call (f, INTEG_AGENT, all.phones[0], FALSE, 100, 200, FALSE);
  integ_events_wait (events, all.phones[0], INTEG_STEP_HANGUP, INTEG_TIMEOUT_MS);

  /* The API port goes away for two seconds; the stream notices and says so. */
  integ_fault (f, "down", 2000);
  g_assert_true (integ_spin_until (is_disconnected, events->stream, INTEG_TIMEOUT_MS));
  g_assert_cmpuint (events->n_disconnects, >=, 1);

  /* Calls that happen while it is down, one after the other. */
  cdr_ids[1] = integ_script_call (f, INTEG_AGENT, all.phones[1], FALSE, 50, 100, FALSE);
  cdr_ids[2] = integ_script_call (f, INTEG_AGENT, all.phones[2], FALSE, 300, 100, FALSE);
  /* And one that outlasts the outage. */
  cdr_ids[3] = integ_script_call (f, INTEG_AGENT, all.phones[3], FALSE, 600, 2500, FALSE);

  /* The stream comes back by itself (back-off 1 s, 2 s, 4 s) and catches up. */
  if (!integ_spin_until (all_hung_up, &all, 40000))
    g_error ("Not every call arrived after the outage (%u events)", events->events->len);
  g_assert_true (bbh_event_stream_get_connected (events->stream));
  g_assert_cmpuint (events->errors->len, >=, 1);

  /* Every call exactly once: ring, answer, hang-up, each once, in that order, with its id. */
  for (guint c = 0; c < G_N_ELEMENTS (cdr_ids); c++)
    {
      const char *phone = all.phones[c];
      guint i_ring = G_MAXUINT, i_answer = G_MAXUINT, i_hangup = G_MAXUINT;

      g_assert_cmpuint (integ_events_count (events, phone, INTEG_STEP_RING), ==, 1);
      g_assert_cmpuint (integ_events_count (events, phone, INTEG_STEP_ANSWER), ==, 1);
      g_assert_cmpuint (integ_events_count (events, phone, INTEG_STEP_HANGUP), ==, 1);
      for (guint i = 0; i < events->events->len; i++)
        {
          BbhEvent *event = g_ptr_array_index (events->events, i);

          if (g_strcmp0 (bbh_event_get_phone (event), phone) != 0)
            continue;
          if (bbh_event_is_ringing (event))
            i_ring = i;
          else if (bbh_event_is_answered (event))
            i_answer = i;
          else if (bbh_event_is_hangup (event))
            {
              i_hangup = i;
              g_assert_cmpint (bbh_event_get_cdr_id (event), ==, cdr_ids[c]);
            }
        }
      g_assert_cmpuint (i_ring, <, i_answer);
      g_assert_cmpuint (i_answer, <, i_hangup);
    }

  /* In the server's order: watermarks only go up, and the calls ring in the order scripted. */
  for (guint i = 0; i < events->events->len; i++)
    {
      BbhEvent *event = g_ptr_array_index (events->events, i);

      g_assert_cmpint (bbh_event_get_watermark (event), >, last_watermark);
      last_watermark = bbh_event_get_watermark (event);
      if (bbh_event_is_ringing (event))
        {
          g_assert_cmpuint (next_call, <, G_N_ELEMENTS (cdr_ids));
          g_assert_cmpstr (bbh_event_get_phone (event), ==, all.phones[next_call]);
          next_call++;
        }
    }
  g_assert_cmpuint (next_call, ==, G_N_ELEMENTS (cdr_ids));
}

/* ---- one request under each fault ---- */

static GListModel *
memos (IntegFixture  *f,
       GError       **error)
{
  bbh_client_get_memos_async (f->agent, "13800000001", 0, 5, NULL, integ_on_result_cb, f);
  return bbh_client_get_memos_finish (f->agent, integ_wait (f), NULL, error);
}

static void
assert_fault (IntegFixture *f,
              const char   *json,
              BbhError      expected,
              int           transient)
{
  g_autoptr(JsonObject) answer = integ_control (f, "/sandbox/fault", json);
  g_autoptr(GListModel) none = NULL;
  g_autoptr(GListModel) back = NULL;
  g_autoptr(GError) error = NULL;

  none = memos (f, &error);
  g_assert_null (none);
  g_assert_error (error, BBH_ERROR, expected);
  g_test_message ("%s: %s", json, error->message);
  /* The words are for people: no JSON, no HTML, no password. */
  g_assert_null (strchr (error->message, '{'));
  g_assert_null (strchr (error->message, '<'));
  if (transient >= 0)
    g_assert_cmpint (bbh_error_is_transient (error), ==, transient);
  g_clear_error (&error);

  /* Lifted: the same request works again. */
  integ_fault (f, "none", 0);
  back = memos (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
}

static void
test_faults (IntegFixture  *f,
             gconstpointer  data)
{
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GError) error = NULL;

  before = memos (f, &error);
  g_assert_no_error (error);

  /* 200 with a body that is not JSON: a protocol error (retried or not, the client's choice). */
  assert_fault (f, "{\"mode\":\"garbage\"}", BBH_ERROR_PROTOCOL, -1);
  /* A proxy's "502 Bad Gateway" page: an HTTP error, worth retrying. */
  assert_fault (f, "{\"mode\":\"http500\"}", BBH_ERROR_HTTP, TRUE);
  /* The connection reset without an answer: unreachable, worth retrying. */
  assert_fault (f, "{\"mode\":\"reset\"}", BBH_ERROR_UNREACHABLE, TRUE);
  /* The port closed: unreachable. */
  assert_fault (f, "{\"mode\":\"down\"}", BBH_ERROR_UNREACHABLE, TRUE);

  /* An answer slower than the client waits: a time-out. */
  bbh_client_set_timeout (f->agent, 1);
  assert_fault (f, "{\"mode\":\"slow\",\"delay_ms\":4000}", BBH_ERROR_TIMEOUT, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/agent/integration/faults", IntegFixture, NULL, integ_set_up, test_faults,
              integ_tear_down);
  g_test_add ("/agent/integration/outage", IntegFixture, NULL, integ_set_up, test_outage,
              integ_tear_down);

  return g_test_run ();
}
