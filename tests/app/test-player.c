/* test-player.c — AgentPlayer and AgentWaveform on a real sandbox's recordings
 *
 * BABAIHU_AUDIOSINK=fakesink (build-aux/run-tests): the player makes it keep real time, so
 * positions and speeds can be measured against the clock.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gst/gst.h>

#include "agent-player.h"
#include "agent-waveform.h"
#include "test-app-util.h"
#include "test-sandbox-control.h"

#define DEMO_ACCOUNT   "100008800"
#define DEMO_PASSWORD  "02367073578"
#define WAIT_MS        20000

typedef struct
{
  TestSandbox   *sandbox;
  BbhClient     *client;
  BbhCallRecord *record;    /* one with a recording */
  AgentPlayer   *player;
  GPtrArray     *states;    /* every state the player went through, as strings */
} Fixture;

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
on_state_cb (AgentPlayer *player,
             GParamSpec  *pspec,
             Fixture     *f)
{
  g_ptr_array_add (f->states,
                   g_strdup (agent_player_state_to_string (agent_player_get_state (player))));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(BbhCallRecordQuery) query = bbh_call_record_query_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *md5 = bbh_password_md5 (DEMO_PASSWORD);

  f->sandbox = test_sandbox_new ();
  f->client = bbh_client_new (test_sandbox_get_url (f->sandbox), DEMO_ACCOUNT, md5);

  bbh_call_record_query_set_page (query, 0, 200);
  bbh_client_find_dial_record_async (f->client, query, NULL, on_done_cb, &result);
  TEST_WAIT_UNTIL (result != NULL, WAIT_MS);
  records = bbh_client_find_dial_record_finish (f->client, result, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (records) && f->record == NULL; i++)
    {
      g_autoptr(BbhCallRecord) record = g_list_model_get_item (records, i);

      if (bbh_call_record_has_recording (record) && bbh_call_record_get_talk_time (record) >= 12)
        f->record = g_steal_pointer (&record);
    }
  g_assert_nonnull (f->record);

  f->player = agent_player_new ();
  f->states = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->player, "notify::state", G_CALLBACK (on_state_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->player);
  g_clear_object (&f->record);
  g_clear_object (&f->client);
  g_clear_pointer (&f->states, g_ptr_array_unref);
  g_clear_pointer (&f->sandbox, test_sandbox_free);
}

static char *
recording_url (Fixture *f)
{
  return bbh_client_dup_recording_url (f->client, bbh_call_record_get_record_file (f->record));
}

static gboolean
went_through (Fixture    *f,
              const char *state)
{
  for (guint i = 0; i < f->states->len; i++)
    if (g_str_equal (g_ptr_array_index (f->states, i), state))
      return TRUE;
  return FALSE;
}

static void
open_and_wait_playing (Fixture *f)
{
  g_autofree char *url = recording_url (f);

  agent_player_open (f->player, url, "1", "test");
  g_assert_cmpint (agent_player_get_state (f->player), ==, AGENT_PLAYER_STATE_LOADING);
  TEST_WAIT_UNTIL (agent_player_get_state (f->player) != AGENT_PLAYER_STATE_LOADING, WAIT_MS);
  g_assert_cmpstr (agent_player_get_error_message (f->player), ==, NULL);
  g_assert_cmpint (agent_player_get_state (f->player), ==, AGENT_PLAYER_STATE_PLAYING);
  TEST_WAIT_UNTIL (agent_player_get_duration (f->player) > 0, WAIT_MS);
}

/* The clock: wait until @ms of wall time passed, iterating the main loop. */
static void
let_time_pass (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;

  TEST_WAIT_UNTIL (g_get_monotonic_time () >= until, ms + 1000);
}

static void
test_plays_to_end (Fixture       *f,
                   gconstpointer  data)
{
  gint64 duration;
  gint64 talk_ms = (gint64) bbh_call_record_get_talk_time (f->record) * 1000;

  open_and_wait_playing (f);
  duration = agent_player_get_duration (f->player);
  /* The recording lasts as long as the call's talk time. */
  g_assert_cmpint (ABS (duration - talk_ms), <, 1500);

  /* It plays in real time: the position moves. */
  TEST_WAIT_UNTIL (agent_player_get_position (f->player) >= 400, WAIT_MS);

  /* Near the end, it ends by itself, with the position at the end. */
  agent_player_seek (f->player, duration - 1200);
  TEST_WAIT_UNTIL (agent_player_get_state (f->player) == AGENT_PLAYER_STATE_ENDED, WAIT_MS);
  g_assert_cmpint (agent_player_get_position (f->player), ==, duration);
  g_assert_true (went_through (f, "loading"));
  g_assert_true (went_through (f, "playing"));
  g_assert_false (went_through (f, "error"));

  /* Play again starts over. */
  agent_player_play (f->player);
  TEST_WAIT_UNTIL (agent_player_get_state (f->player) == AGENT_PLAYER_STATE_PLAYING, WAIT_MS);
  g_assert_cmpint (agent_player_get_position (f->player), <, duration / 2);
}

static void
test_seek_and_pause (Fixture       *f,
                     gconstpointer  data)
{
  gint64 target;
  gint64 paused_at;

  open_and_wait_playing (f);

  agent_player_pause (f->player);
  TEST_WAIT_UNTIL (agent_player_get_state (f->player) == AGENT_PLAYER_STATE_PAUSED, WAIT_MS);

  /* Paused, the position stays. */
  paused_at = agent_player_get_position (f->player);
  let_time_pass (600);
  g_assert_cmpint (ABS (agent_player_get_position (f->player) - paused_at), <, 100);

  /* Seeking moves it, and playing goes on from there. */
  target = agent_player_get_duration (f->player) / 2;
  agent_player_seek (f->player, target);
  g_assert_cmpint (agent_player_get_position (f->player), ==, target);
  agent_player_play (f->player);
  TEST_WAIT_UNTIL (agent_player_get_state (f->player) == AGENT_PLAYER_STATE_PLAYING, WAIT_MS);
  TEST_WAIT_UNTIL (agent_player_get_position (f->player) > target + 300, WAIT_MS);
  g_assert_cmpint (agent_player_get_position (f->player), <, target + 5000);

  /* ←: 5 s back. */
  {
    gint64 before = agent_player_get_position (f->player);

    agent_player_skip (f->player, -5000);
    g_assert_cmpint (agent_player_get_position (f->player), <=, before - 4500);
  }
}

static double
measure_speed (Fixture *f,
               guint    wall_ms)
{
  gint64 t0, p0;

  /* Let the rate seek settle and the pipeline play again. */
  TEST_WAIT_UNTIL (agent_player_get_state (f->player) == AGENT_PLAYER_STATE_PLAYING, WAIT_MS);
  let_time_pass (300);
  p0 = agent_player_get_position (f->player);
  t0 = g_get_monotonic_time ();
  let_time_pass (wall_ms);
  return (double) (agent_player_get_position (f->player) - p0) /
         ((g_get_monotonic_time () - t0) / 1000.0);
}

static void
test_speed (Fixture       *f,
            gconstpointer  data)
{
  double speed;

  open_and_wait_playing (f);
  g_assert_cmpfloat (agent_player_query_segment_rate (f->player), ==, 1.0);

  agent_player_set_rate (f->player, 2.0);
  g_assert_cmpfloat (agent_player_get_rate (f->player), ==, 2.0);
  TEST_WAIT_UNTIL (agent_player_query_segment_rate (f->player) == 2.0, WAIT_MS);
  speed = measure_speed (f, 1500);
  g_test_message ("2× plays at %.2f× the clock", speed);
  g_assert_cmpfloat (speed, >, 1.6);
  g_assert_cmpfloat (speed, <, 2.4);

  agent_player_set_rate (f->player, 0.5);
  TEST_WAIT_UNTIL (agent_player_query_segment_rate (f->player) == 0.5, WAIT_MS);
  speed = measure_speed (f, 1500);
  g_test_message ("0.5× plays at %.2f× the clock", speed);
  g_assert_cmpfloat (speed, >, 0.3);
  g_assert_cmpfloat (speed, <, 0.7);

  /* Out of range is clamped. */
  agent_player_set_rate (f->player, 7.0);
  g_assert_cmpfloat (agent_player_get_rate (f->player), ==, AGENT_PLAYER_MAX_RATE);

  /* The speed survives opening the next recording. */
  agent_player_set_rate (f->player, 1.5);
  open_and_wait_playing (f);
  TEST_WAIT_UNTIL (agent_player_query_segment_rate (f->player) == 1.5, WAIT_MS);
}

static void
test_missing (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *url = bbh_client_dup_recording_url (f->client, "2001/01/01/nothing-here.wav");

  agent_player_open (f->player, url, "42", "missing");
  TEST_WAIT_UNTIL (agent_player_get_state (f->player) == AGENT_PLAYER_STATE_ERROR, WAIT_MS);
  g_assert_cmpstr (agent_player_get_error_message (f->player), ==,
                   "The recording is missing on the server.");
  g_assert_false (went_through (f, "playing"));

  /* A call without a recording says so at once. */
  agent_player_open (f->player, NULL, "43", "none");
  g_assert_cmpint (agent_player_get_state (f->player), ==, AGENT_PLAYER_STATE_ERROR);
  g_assert_cmpstr (agent_player_get_error_message (f->player), ==, "This call has no recording.");
}

static void
test_mp3 (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *url = NULL;

  if (gst_element_factory_find ("lamemp3enc") == NULL)
    {
      g_test_skip ("The sandbox cannot encode MP3 without lamemp3enc");
      return;
    }

  url = bbh_client_dup_mp3_url (f->client, bbh_call_record_get_id (f->record));
  agent_player_open (f->player, url, "1", "mp3");
  TEST_WAIT_UNTIL (agent_player_get_state (f->player) != AGENT_PLAYER_STATE_LOADING, WAIT_MS);
  g_assert_cmpstr (agent_player_get_error_message (f->player), ==, NULL);
  g_assert_cmpint (agent_player_get_state (f->player), ==, AGENT_PLAYER_STATE_PLAYING);
  TEST_WAIT_UNTIL (agent_player_get_position (f->player) >= 300, WAIT_MS);
}

/* Waveform --------------------------------------------------------------------------------- */

static void
test_waveform (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *url = recording_url (f);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) peaks = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autofree char *cache = NULL;
  const guint8 *data_peaks;
  gsize n;
  guint loud = 0, quiet = 0;
  gint64 started;

  agent_waveform_compute_async (url, NULL, on_done_cb, &result);
  TEST_WAIT_UNTIL (result != NULL, WAIT_MS);
  peaks = agent_waveform_compute_finish (result, &error);
  g_assert_no_error (error);

  /* About a thousand peaks, 0–255, and a real call has both silence and speech. */
  data_peaks = g_bytes_get_data (peaks, &n);
  g_assert_cmpuint (n, >=, 500);
  g_assert_cmpuint (n, <=, 1000);
  for (gsize i = 0; i < n; i++)
    {
      if (data_peaks[i] > 40)
        loud++;
      if (data_peaks[i] < 8)
        quiet++;
    }
  g_assert_cmpuint (loud, >, n / 10);
  g_assert_cmpuint (quiet, >, 0);

  /* Cached on disk, keyed by the recording; the second time it comes from there. */
  cache = agent_waveform_dup_cache_path (url);
  g_assert_true (g_str_has_prefix (cache, g_get_user_cache_dir ()));
  g_assert_true (strstr (cache, "babaihu-agent/waveforms/") != NULL);
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_REGULAR));

  g_clear_object (&result);
  test_sandbox_fault (f->sandbox, "down", 60000);
  started = g_get_monotonic_time ();
  agent_waveform_compute_async (url, NULL, on_done_cb, &result);
  TEST_WAIT_UNTIL (result != NULL, WAIT_MS);
  again = agent_waveform_compute_finish (result, &error);
  test_sandbox_fault (f->sandbox, "none", 0);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (peaks, again));
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);

  /* A missing recording is an error, in words. */
  {
    g_autofree char *missing = bbh_client_dup_recording_url (f->client, "2001/01/01/gone.wav");
    g_autoptr(GBytes) none = NULL;

    g_clear_object (&result);
    agent_waveform_compute_async (missing, NULL, on_done_cb, &result);
    TEST_WAIT_UNTIL (result != NULL, WAIT_MS);
    none = agent_waveform_compute_finish (result, &error);
    g_assert_null (none);
    g_assert_nonnull (error);
    g_assert_cmpstr (error->message, ==, "The recording is missing on the server.");
  }
}

int
main (int   argc,
      char *argv[])
{
  gst_init (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/agent/player/plays-to-end", Fixture, NULL,
              fixture_setup, test_plays_to_end, fixture_teardown);
  g_test_add ("/agent/player/seek-and-pause", Fixture, NULL,
              fixture_setup, test_seek_and_pause, fixture_teardown);
  g_test_add ("/agent/player/speed", Fixture, NULL,
              fixture_setup, test_speed, fixture_teardown);
  g_test_add ("/agent/player/missing", Fixture, NULL,
              fixture_setup, test_missing, fixture_teardown);
  g_test_add ("/agent/player/mp3", Fixture, NULL,
              fixture_setup, test_mp3, fixture_teardown);
  g_test_add ("/agent/player/waveform", Fixture, NULL,
              fixture_setup, test_waveform, fixture_teardown);

  return g_test_run ();
}
