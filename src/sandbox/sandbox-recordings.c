/* sandbox-recordings.c — recording files: synthesis, serving with Range, MP3 download
 *
 * Recordings are 8 kHz mono 16-bit PCM WAV files, as a phone line records them: ring-back,
 * then two voices taking turns (a pitch-gliding buzz shaped into syllables), then the
 * hang-up tone. Generation is a few table look-ups per sample, so hundreds of files take
 * well under a second.
 *
 * MP3 downloads are encoded by GStreamer (lamemp3enc) in a worker thread, cached beside the
 * WAV, and served with Range support like the WAV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sandbox-recordings"

#include "config.h"

#include <errno.h>
#include <math.h>

#include <glib/gstdio.h>
#include <gst/gst.h>

#include "sandbox-recordings.h"

#define RATE       8000
#define TABLE_SIZE 4096

/* ---- synthesis ---- */

static float sine_table[TABLE_SIZE];

static gpointer
init_sine_table (gpointer data)
{
  for (guint i = 0; i < TABLE_SIZE; i++)
    sine_table[i] = sinf (2.0f * (float) G_PI * i / TABLE_SIZE);
  return NULL;
}

static inline float
sine (float phase)   /* phase in cycles, any value >= 0 */
{
  return sine_table[(guint) (phase * TABLE_SIZE) & (TABLE_SIZE - 1)];
}

static inline gint16
clip (float value)
{
  return (gint16) CLAMP (value, -32767.0f, 32767.0f);
}

static void
write_tone (gint16 *samples,
            gsize   from,
            gsize   to,
            float   freq,
            float   amplitude)
{
  float phase = 0;

  for (gsize i = from; i < to; i++)
    {
      samples[i] = clip (samples[i] + amplitude * sine (phase));
      phase += freq / RATE;
      if (phase >= 1.0f)
        phase -= 1.0f;
    }
}

/* One syllable: a glottal-like buzz (harmonics of a gliding pitch) weighted by a vowel's two
 * formants, under a raised-sine envelope. */
static void
write_syllable (gint16 *samples,
                gsize   from,
                gsize   length,
                float   pitch,
                float   glide,
                float   formant1,
                float   formant2,
                float   amplitude)
{
  float phase = 0;
  float weights[8];

  for (guint h = 0; h < G_N_ELEMENTS (weights); h++)
    {
      float f = pitch * (h + 1);
      float w1 = 1.0f / (1.0f + fabsf (f - formant1) / 150.0f);
      float w2 = 0.6f / (1.0f + fabsf (f - formant2) / 200.0f);

      weights[h] = (w1 + w2) / (h + 1);
    }

  for (gsize i = 0; i < length; i++)
    {
      float t = (float) i / length;
      float envelope = sine (t * 0.5f);
      float f0 = pitch * (1.0f + glide * (t - 0.5f));
      float value = 0;

      for (guint h = 0; h < G_N_ELEMENTS (weights); h++)
        value += weights[h] * sine (phase * (h + 1));
      samples[from + i] = clip (samples[from + i] + amplitude * envelope * value);
      phase += f0 / RATE;
      if (phase >= 64.0f)
        phase -= 64.0f;
    }
}

static GBytes *
synthesize_wav (guint   seconds,
                guint32 seed)
{
  static GOnce once = G_ONCE_INIT;
  static const float formants[][2] = {
    { 730, 1090 }, { 270, 2290 }, { 300, 870 }, { 530, 1840 }, { 570, 840 }, { 440, 1020 },
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gsize n = (gsize) seconds * RATE;
  gsize data_size = n * sizeof (gint16);
  guint8 *wav = g_malloc0 (44 + data_size);
  gint16 *samples = (gint16 *) (wav + 44);
  gsize pos, end_talk;
  gboolean first_speaker = TRUE;

  g_once (&once, init_sine_table, NULL);

  /* RIFF header, PCM 8 kHz mono 16-bit, little-endian. */
  memcpy (wav, "RIFF", 4);
  *(guint32 *) (wav + 4) = GUINT32_TO_LE (36 + data_size);
  memcpy (wav + 8, "WAVEfmt ", 8);
  *(guint32 *) (wav + 16) = GUINT32_TO_LE (16);
  *(guint16 *) (wav + 20) = GUINT16_TO_LE (1);
  *(guint16 *) (wav + 22) = GUINT16_TO_LE (1);
  *(guint32 *) (wav + 24) = GUINT32_TO_LE (RATE);
  *(guint32 *) (wav + 28) = GUINT32_TO_LE (RATE * 2);
  *(guint16 *) (wav + 32) = GUINT16_TO_LE (2);
  *(guint16 *) (wav + 34) = GUINT16_TO_LE (16);
  memcpy (wav + 36, "data", 4);
  *(guint32 *) (wav + 40) = GUINT32_TO_LE (data_size);

  /* A faint line hiss everywhere. */
  for (gsize i = 0; i < n; i++)
    samples[i] = (gint16) g_rand_int_range (rand, -60, 61);

  /* Ring-back (450 Hz, 1 s on) when there is room for it, then the talk. */
  pos = 0;
  if (seconds >= 4)
    {
      write_tone (samples, 0, RATE, 450.0f, 6000.0f);
      pos = RATE + RATE / 2;
    }
  end_talk = seconds >= 3 ? n - RATE / 2 : n;

  while (pos < end_talk)
    {
      float pitch = first_speaker ? 115.0f + g_rand_int_range (rand, 0, 20)
                                  : 205.0f + g_rand_int_range (rand, 0, 30);
      /* MIN evaluates its arguments twice: draw the turn's length once. */
      gsize turn_length = (gsize) g_rand_int_range (rand, 2 * RATE, 5 * RATE);
      gsize turn_end = MIN (end_talk, pos + turn_length);

      while (pos < turn_end)
        {
          gsize length = g_rand_int_range (rand, RATE * 12 / 100, RATE * 30 / 100);
          const float *vowel = formants[g_rand_int_range (rand, 0, G_N_ELEMENTS (formants))];

          if (pos + length > turn_end)
            break;
          write_syllable (samples, pos, length, pitch, (float) g_rand_double_range (rand, -0.3, 0.3),
                          vowel[0], vowel[1], 5000.0f);
          pos += length + g_rand_int_range (rand, RATE * 4 / 100, RATE * 15 / 100);
        }
      pos = turn_end + g_rand_int_range (rand, RATE * 3 / 10, RATE * 6 / 10);
      first_speaker = !first_speaker;
    }

  /* Busy tone after the hang-up. */
  if (seconds >= 3)
    write_tone (samples, n - RATE / 2, n - RATE / 4, 450.0f, 5000.0f);

  for (gsize i = 0; i < n; i++)
    samples[i] = GINT16_TO_LE (samples[i]);

  return g_bytes_new_take (wav, 44 + data_size);
}

/**
 * sandbox_recordings_synthesize:
 * @path: where to write the file
 * @seconds: its length
 * @seed: the same seed gives the same file
 * @error: return location for an error
 *
 * Writes a playable PCM WAV (8 kHz, mono, 16-bit) of @seconds to @path.
 */
gboolean
sandbox_recordings_synthesize (const char  *path,
                               guint        seconds,
                               guint32      seed,
                               GError     **error)
{
  g_autoptr(GBytes) wav = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  wav = synthesize_wav (MAX (seconds, 1), seed);
  /* No fsync: these are generated files, regenerated if lost. */
  return g_file_set_contents_full (path, g_bytes_get_data (wav, NULL), g_bytes_get_size (wav),
                                   G_FILE_SET_CONTENTS_NONE, 0644, error);
}

/* ---- serving ---- */

static void
respond_bytes (SoupServerMessage *msg,
               GBytes            *bytes,
               const char        *content_type)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize total = g_bytes_get_size (bytes);
  SoupRange *ranges = NULL;
  int n_ranges = 0;

  soup_message_headers_replace (response, "Accept-Ranges", "bytes");
  soup_message_headers_set_content_type (response, content_type, NULL);

  if (soup_message_headers_get_one (request, "Range") != NULL)
    {
      goffset start = -1, end = -1;
      gboolean several = FALSE;

      if (total > 0 && soup_message_headers_get_ranges (request, total, &ranges, &n_ranges))
        {
          several = n_ranges > 1;
          start = ranges[0].start;
          end = MIN (ranges[0].end, (goffset) total - 1);
          soup_message_headers_free_ranges (request, ranges);
        }
      /* One range is what players ask for: answered here. Several are answered from the whole
       * file below. libsoup leaves a start past the end as it is: not satisfiable. */
      if (several)
        ;
      else if (start >= 0 && start < (goffset) total && end >= start)
        {
          g_autoptr(GBytes) slice = g_bytes_new_from_bytes (bytes, start, end - start + 1);

          soup_server_message_set_status (msg, SOUP_STATUS_PARTIAL_CONTENT, NULL);
          soup_message_headers_set_content_range (response, start, end, total);
          soup_message_headers_set_content_length (response, g_bytes_get_size (slice));
          soup_message_body_append_bytes (body, slice);
          return;
        }
      else
        {
          g_autofree char *range = g_strdup_printf ("bytes */%" G_GSIZE_FORMAT, total);

          soup_server_message_set_status (msg, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE, NULL);
          soup_message_headers_replace (response, "Content-Range", range);
          soup_message_headers_set_content_length (response, 0);
          return;
        }
    }

  /* No Content-Length of our own: for several ranges libsoup's server turns this answer
   * into a multipart/byteranges one (206) and must size it itself. */
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_body_append_bytes (body, bytes);
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               int                code,
               const char        *message)
{
  JsonObject *object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_int_member (object, "code", code);
  json_object_set_string_member (object, "message", message);
  node = sandbox_answer_node (object);
  sandbox_set_json_response (msg, status, node);
}

/* Serves @path; FALSE (nothing answered) when it cannot be read. */
static gboolean
respond_file (SoupServerMessage *msg,
              const char        *path,
              const char        *content_type)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL)
    return FALSE;
  bytes = g_mapped_file_get_bytes (mapped);
  respond_bytes (msg, bytes, content_type);
  return TRUE;
}

static const char *
content_type_for (const char *path)
{
  if (g_str_has_suffix (path, ".mp3"))
    return "audio/mpeg";
  if (g_str_has_suffix (path, ".wav"))
    return "audio/x-wav";
  if (g_str_has_suffix (path, ".json"))
    return "application/json";
  return "application/octet-stream";
}

/* A relative path of plain components under the recordings dir, or NULL. */
static char *
safe_path (SandboxDb  *db,
           const char *relative)
{
  g_auto(GStrv) parts = NULL;

  if (relative == NULL || *relative == '\0' || *relative == '/' || strchr (relative, '\\'))
    return NULL;
  parts = g_strsplit (relative, "/", -1);
  for (guint i = 0; parts[i]; i++)
    if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      return NULL;
  return g_build_filename (sandbox_db_get_recordings_dir (db), relative, NULL);
}

static void
respond_not_found (SoupServerMessage *msg)
{
  static const char page[] = "<html><body><h1>404 Not Found</h1></body></html>";

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, sizeof page - 1);
}

void
sandbox_recordings_serve_file (SandboxServer     *server,
                               SoupServerMessage *msg,
                               const char        *file,
                               gint64             started_ms)
{
  SandboxDb *db = sandbox_server_get_db (server);
  g_autofree char *relative = g_uri_unescape_string (file, "/");
  g_autofree char *path = safe_path (db, relative);

  if (path == NULL || !respond_file (msg, path, content_type_for (path)))
    respond_not_found (msg);
  sandbox_server_log_request (server, msg, "record", NULL, started_ms, 0);
  sandbox_message_resume (msg);
}

/* A call flow's message (2.10.1 `cfIsend_wfPath`, played from /voip/sound/{wfPath}): the
 * sandbox has no uploaded voice files, so a flow's message is synthesized the first time it is
 * asked for and kept under the recordings dir's "sound" folder. Paths no flow names are 404. */
static gboolean
flow_has_sound (SandboxDb  *db,
                const char *relative)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  if (sqlite3_prepare_v2 (sandbox_db_get_handle (db),
                          "SELECT 1 FROM call_flows WHERE wf_path = ?1 LIMIT 1", -1, &stmt,
                          NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_text (stmt, 1, relative, -1, SQLITE_TRANSIENT);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

void
sandbox_recordings_serve_sound (SandboxServer     *server,
                                SoupServerMessage *msg,
                                const char        *file,
                                gint64             started_ms)
{
  SandboxDb *db = sandbox_server_get_db (server);
  g_autofree char *relative = g_uri_unescape_string (file, "/");
  g_autofree char *sound_relative = relative != NULL ? g_build_filename ("sound", relative, NULL) : NULL;
  g_autofree char *path = safe_path (db, sound_relative);
  gboolean served = FALSE;

  if (path != NULL && flow_has_sound (db, relative))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_path_get_dirname (path);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)
          && (g_mkdir_with_parents (dir, 0755) != 0
              || !sandbox_recordings_synthesize (path, 6, g_str_hash (relative), &error)))
        g_warning ("Cannot make the flow message %s: %s", relative,
                   error != NULL ? error->message : g_strerror (errno));
      served = respond_file (msg, path, "audio/x-wav");
    }
  if (!served)
    respond_not_found (msg);
  sandbox_server_log_request (server, msg, "sound", NULL, started_ms, 0);
  sandbox_message_resume (msg);
}

char *
sandbox_recordings_lookup_file (SandboxDb *db,
                                gint64     cdr_id,
                                gint64     comp_id)
{
  /* The call records table is the data side's; the callbacks table is ours. */
  static const char * const queries[] = {
    "SELECT cdr_record_file FROM call_records WHERE cdr_id = ?1 AND (?2 = 0 OR comp_id = ?2)",
    "SELECT wav_file FROM sandbox_callbacks WHERE cdr_id = ?1 AND (?2 = 0 OR comp_id = ?2)",
  };
  sqlite3 *handle = sandbox_db_get_handle (db);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;
      char *file = NULL;

      if (sqlite3_prepare_v2 (handle, queries[i], -1, &stmt, NULL) != SQLITE_OK)
        continue;
      sqlite3_bind_int64 (stmt, 1, cdr_id);
      sqlite3_bind_int64 (stmt, 2, comp_id);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL
          && *sqlite3_column_text (stmt, 0) != '\0')
        file = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      if (file != NULL)
        return file;
    }
  return NULL;
}

/* ---- MP3 ---- */

typedef struct
{
  SandboxServer     *server;
  SoupServerMessage *msg;
  GHashTable        *params;
  gint64             started_ms;
  gulong             finished_id;
  gulong             disconnected_id;
} Download;

typedef struct
{
  char  *wav;
  char  *mp3;
  GList *downloads;   /* Download *, waiting for this encode */
} Encode;

static void
download_free (Download *download)
{
  g_clear_signal_handler (&download->finished_id, download->msg);
  g_clear_signal_handler (&download->disconnected_id, download->msg);
  g_clear_object (&download->msg);
  g_clear_pointer (&download->params, g_hash_table_unref);
  g_free (download);
}

static void
encode_free (Encode *encode)
{
  g_list_free_full (encode->downloads, (GDestroyNotify) download_free);
  g_free (encode->wav);
  g_free (encode->mp3);
  g_free (encode);
}

static GHashTable *
pending_encodes (SandboxServer *server)
{
  GHashTable *pending = g_object_get_data (G_OBJECT (server), "sandbox-mp3-pending");

  if (pending == NULL)
    {
      pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) encode_free);
      g_object_set_data_full (G_OBJECT (server), "sandbox-mp3-pending", pending,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return pending;
}

static gboolean
encode_mp3 (const char  *wav,
            const char  *mp3,
            GError     **error)
{
  g_autoptr(GstElement) pipeline = NULL;
  g_autoptr(GstElement) src = NULL;
  g_autoptr(GstElement) sink = NULL;
  g_autoptr(GstBus) bus = NULL;
  g_autoptr(GstMessage) message = NULL;
  g_autofree char *tmp = g_strdup_printf ("%s.%08x.part", mp3, g_random_int ());
  gboolean ok = FALSE;

  pipeline = gst_parse_launch ("filesrc name=src ! wavparse ! audioconvert ! audioresample"
                               " ! audio/x-raw,rate=16000,channels=1"
                               " ! lamemp3enc target=bitrate bitrate=32 cbr=true"
                               " ! filesink name=sink", error);
  if (pipeline == NULL)
    return FALSE;

  src = gst_bin_get_by_name (GST_BIN (pipeline), "src");
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  g_object_set (src, "location", wav, NULL);
  g_object_set (sink, "location", tmp, NULL);

  bus = gst_element_get_bus (pipeline);
  if (gst_element_set_state (pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the MP3 encoder did not start");
    }
  else
    {
      message = gst_bus_timed_pop_filtered (bus, 120 * GST_SECOND,
                                            GST_MESSAGE_EOS | GST_MESSAGE_ERROR);
      if (message == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "encoding took too long");
        }
      else if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_ERROR)
        {
          g_autoptr(GError) gst_error = NULL;

          gst_message_parse_error (message, &gst_error, NULL);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "encoding failed: %s",
                       gst_error->message);
        }
      else
        {
          ok = TRUE;
        }
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);

  if (ok && g_rename (tmp, mp3) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", mp3,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

static void
encode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Encode *encode = task_data;
  GError *error = NULL;

  if (encode_mp3 (encode->wav, encode->mp3, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_encoded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SandboxServer *server = SANDBOX_SERVER (object);
  g_autofree char *key = user_data;
  GHashTable *pending = pending_encodes (server);
  Encode *encode = g_hash_table_lookup (pending, key);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_assert (encode != NULL);
  if (!ok)
    g_message ("MP3 encoding of %s failed: %s", encode->wav, error->message);

  for (GList *l = encode->downloads; l; l = l->next)
    {
      Download *download = l->data;

      /* Answered now: its end no longer concerns the pending table. */
      g_clear_signal_handler (&download->finished_id, download->msg);
      g_clear_signal_handler (&download->disconnected_id, download->msg);
      if (!ok || !respond_file (download->msg, encode->mp3, "audio/mpeg"))
        respond_error (download->msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, SANDBOX_ERROR_FILE_SAVE,
                       "the recording could not be converted to MP3");
      sandbox_server_log_request (server, download->msg, "download", download->params,
                                  download->started_ms, 0);
      sandbox_message_resume (download->msg);
    }
  g_hash_table_remove (pending, key);
}

static void
on_download_finished_cb (SoupServerMessage *msg,
                         Download          *download)
{
  /* The client went away while the MP3 was being made: forget the request. */
  GHashTable *pending = pending_encodes (download->server);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Encode *encode = value;

      if (g_list_find (encode->downloads, download))
        {
          encode->downloads = g_list_remove (encode->downloads, download);
          download_free (download);
          return;
        }
    }
}

void
sandbox_recordings_serve_download (SandboxServer     *server,
                                   SoupServerMessage *msg,
                                   GHashTable        *params,
                                   gint64             started_ms)
{
  SandboxDb *db = sandbox_server_get_db (server);
  g_autoptr(SandboxAgent) agent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *wav = NULL;
  g_autofree char *mp3 = NULL;
  const char *id_text = g_hash_table_lookup (params, "id");
  gboolean want_mp3 = g_strcmp0 (g_hash_table_lookup (params, "ismp3"), "1") == 0;
  gint64 id = 0;
  GHashTable *pending;
  Encode *encode;
  Download *download;

  agent = sandbox_server_authenticate (server, params, &error);
  if (agent == NULL)
    {
      respond_error (msg, SOUP_STATUS_OK, SANDBOX_ERROR_AUTH, error->message);
      goto done;
    }
  if (id_text == NULL || !g_ascii_string_to_signed (id_text, 10, 1, G_MAXINT64, &id, NULL))
    {
      respond_error (msg, SOUP_STATUS_OK, SANDBOX_ERROR_PARAMETER, "missing parameter: id");
      goto done;
    }

  relative = sandbox_recordings_lookup_file (db, id, agent->comp_id);
  wav = safe_path (db, relative);
  if (wav == NULL || !g_file_test (wav, G_FILE_TEST_IS_REGULAR))
    {
      respond_error (msg, SOUP_STATUS_NOT_FOUND, SANDBOX_ERROR_NOT_FOUND,
                     "this call has no recording");
      goto done;
    }

  if (!want_mp3)
    {
      respond_file (msg, wav, content_type_for (wav));
      goto done;
    }

  mp3 = g_str_has_suffix (wav, ".wav") ? g_strdup_printf ("%.*s.mp3", (int) strlen (wav) - 4, wav)
                                       : g_strconcat (wav, ".mp3", NULL);
  if (respond_file (msg, mp3, "audio/mpeg"))
    goto done;

  /* Not cached yet: encode off the main loop, answering every request for it at the end. */
  download = g_new0 (Download, 1);
  download->server = server;
  download->msg = g_object_ref (msg);
  download->params = g_hash_table_ref (params);
  download->started_ms = started_ms;
  download->finished_id = g_signal_connect (msg, "finished",
                                            G_CALLBACK (on_download_finished_cb), download);
  download->disconnected_id = g_signal_connect (msg, "disconnected",
                                                G_CALLBACK (on_download_finished_cb), download);
  sandbox_message_pause (msg);

  pending = pending_encodes (server);
  encode = g_hash_table_lookup (pending, mp3);
  if (encode == NULL)
    {
      g_autoptr(GTask) task = g_task_new (server, NULL, on_encoded_cb, g_strdup (mp3));

      encode = g_new0 (Encode, 1);
      encode->wav = g_strdup (wav);
      encode->mp3 = g_strdup (mp3);
      g_hash_table_insert (pending, encode->mp3, encode);
      g_task_set_source_tag (task, sandbox_recordings_serve_download);
      g_task_set_task_data (task, encode, NULL);
      g_task_run_in_thread (task, encode_thread);
    }
  encode->downloads = g_list_append (encode->downloads, download);
  return;

done:
  sandbox_server_log_request (server, msg, "download", params, started_ms, 0);
  sandbox_message_resume (msg);
}
