/* bbh-download.c — recording URLs and a download that never leaves half a file
 *
 * The body streams into a hidden temporary file beside the destination, which is renamed
 * over it only once every byte has arrived; on an error or a cancellation the temporary file
 * is removed before the operation completes, and an existing destination stays as it was.
 *
 * The MP3 URL carries the account's sa_password: it must never be logged or shown. Messages
 * here name the destination file, never the URL; a debug line uses bbh_redact_uri().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-download"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "bbh-client-events.h"
#include "bbh-client-private.h"

#define CHUNK_SIZE       (64 * 1024)
#define MAX_ERROR_BODY   (256 * 1024)

typedef struct
{
  SoupMessage     *message;
  GInputStream    *input;
  GFile           *dest;
  GFile           *tmp;
  GOutputStream   *output;
  GBytes          *chunk;
  GError          *error;        /* held while the temporary file is cleaned up */
  BbhProgressFunc  progress;
  gpointer         progress_data;
  GDestroyNotify   progress_destroy;
  goffset          received;
  goffset          total;
} Download;

/* The caller's data goes as soon as the outcome is known, not when the result is dropped. */
static void
release_progress (Download *d)
{
  GDestroyNotify destroy = g_steal_pointer (&d->progress_destroy);

  d->progress = NULL;
  if (destroy != NULL)
    destroy (g_steal_pointer (&d->progress_data));
}

static void
download_free (gpointer data)
{
  Download *d = data;

  release_progress (d);
  g_clear_object (&d->message);
  g_clear_object (&d->input);
  g_clear_object (&d->dest);
  g_clear_object (&d->tmp);
  g_clear_object (&d->output);
  g_clear_pointer (&d->chunk, g_bytes_unref);
  g_clear_error (&d->error);
  g_free (d);
}

static void read_next (GTask *task);

static void
on_tmp_deleted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *d = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_file_delete_finish (G_FILE (object), result, &error))
    g_warning ("Could not remove the partial download: %s", error->message);
  release_progress (d);
  g_task_return_error (task, g_steal_pointer (&d->error));
}

static void
on_tmp_closed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Download *d = g_task_get_task_data (task);

  g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, NULL);
  /* Not cancellable: the clean-up must happen even though the caller cancelled. */
  g_file_delete_async (d->tmp, G_PRIORITY_DEFAULT, NULL, on_tmp_deleted_cb, g_steal_pointer (&task));
}

/* Fails the download; takes @error. The temporary file goes first. */
static void
fail (GTask  *task,
      GError *error)
{
  Download *d = g_task_get_task_data (task);

  g_assert (d->error == NULL);
  d->error = error;

  if (d->output != NULL)
    g_output_stream_close_async (d->output, G_PRIORITY_DEFAULT, NULL, on_tmp_closed_cb, task);
  else if (d->tmp != NULL)
    g_file_delete_async (d->tmp, G_PRIORITY_DEFAULT, NULL, on_tmp_deleted_cb, task);
  else
    {
      release_progress (d);
      g_task_return_error (task, g_steal_pointer (&d->error));
      g_object_unref (task);
    }
}

static GError *
save_error (Download *d,
            GError   *error)
{
  g_autofree char *name = NULL;
  GError *result;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  name = g_file_get_parse_name (d->dest);
  /* Translators: the first %s is a file name, the second the system's reason */
  result = g_error_new (error->domain, error->code, _("The recording could not be saved to “%s”: %s"),
                        name, error->message);
  g_error_free (error);
  return result;
}

static GError *
transport_error (GError *error)
{
  GError *result;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (error->domain == G_TLS_ERROR)
    result = g_error_new_literal (BBH_ERROR, BBH_ERROR_TLS, bbh_error_describe (BBH_ERROR_TLS));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    result = g_error_new_literal (BBH_ERROR, BBH_ERROR_TIMEOUT, bbh_error_describe (BBH_ERROR_TIMEOUT));
  else
    result = g_error_new_literal (BBH_ERROR, BBH_ERROR_UNREACHABLE,
                                  _("The recording could not be downloaded: the connection to the server failed. Try again."));
  g_error_free (error);
  return result;
}

static void
on_moved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Download *d = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_file_move_finish (G_FILE (object), result, &error))
    {
      g_clear_object (&d->output);
      fail (task, save_error (d, error));
      return;
    }

  g_clear_object (&d->tmp);
  release_progress (d);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
on_output_closed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GTask *task = user_data;
  Download *d = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    {
      g_clear_object (&d->output);
      fail (task, save_error (d, error));
      return;
    }
  g_clear_object (&d->output);

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      fail (task, error);
      return;
    }

  g_file_move_async (d->tmp, d->dest, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                     G_PRIORITY_DEFAULT, NULL, NULL, NULL, on_moved_cb, task);
}

static void
on_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Download *d = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      fail (task, save_error (d, error));
      return;
    }

  d->received += g_bytes_get_size (d->chunk);
  g_clear_pointer (&d->chunk, g_bytes_unref);
  if (d->progress != NULL)
    d->progress (d->received, d->total, d->progress_data);

  read_next (task);
}

static void
on_read_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Download *d = g_task_get_task_data (task);
  GError *error = NULL;
  GBytes *chunk;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      fail (task, transport_error (error));
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      g_bytes_unref (chunk);
      if (d->total >= 0 && d->received < d->total)
        {
          fail (task, g_error_new_literal (BBH_ERROR, BBH_ERROR_UNREACHABLE,
                                           _("The recording could not be downloaded: the connection ended early. Try again.")));
          return;
        }
      g_output_stream_close_async (d->output, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   on_output_closed_cb, task);
      return;
    }

  d->chunk = chunk;
  g_output_stream_write_all_async (d->output,
                                   g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk),
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   on_written_cb, task);
}

static void
read_next (GTask *task)
{
  Download *d = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (d->input, CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read_cb, task);
}

static void
on_tmp_created_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Download *d = g_task_get_task_data (task);
  GError *error = NULL;
  GFileOutputStream *output;

  output = g_file_create_finish (G_FILE (object), result, &error);
  if (output == NULL)
    {
      /* Nothing was created. */
      g_clear_object (&d->tmp);
      fail (task, save_error (d, error));
      return;
    }
  d->output = G_OUTPUT_STREAM (output);

  if (d->progress != NULL)
    d->progress (0, d->total, d->progress_data);
  read_next (task);
}

static void
start_writing (GTask *task)
{
  Download *d = g_task_get_task_data (task);
  g_autoptr(GFile) dir = g_file_get_parent (d->dest);
  g_autofree char *base = g_file_get_basename (d->dest);
  g_autofree char *name = NULL;

  if (dir == NULL || base == NULL)
    {
      fail (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                                       _("The recording cannot be saved there: choose a file in a folder.")));
      return;
    }

  /* Hidden, unique, and in the same folder so that the rename is atomic. */
  name = g_strdup_printf (".%s.%08x.part", base, g_random_int ());
  d->tmp = g_file_get_child (dir, name);
  g_file_create_async (d->tmp, G_FILE_CREATE_PRIVATE, G_PRIORITY_DEFAULT,
                       g_task_get_cancellable (task), on_tmp_created_cb, task);
}

/* An error page instead of audio: read it (bounded) and let bbh_response_parse() say what
 * the server meant — a wrong password comes back as {"code":-2}. */
static void
on_error_body_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  Download *d = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) root = NULL;

  body = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (body == NULL)
    {
      fail (task, transport_error (error));
      return;
    }

  root = bbh_response_parse (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                             soup_message_get_status (d->message), BBH_RESPONSE_DEFAULT, &error);
  if (root != NULL)
    error = g_error_new_literal (BBH_ERROR, BBH_ERROR_PROTOCOL,
                                 _("The server sent no recording. It may not have been saved for this call."));
  /* The server's words may quote the URL, which holds sa_password. */
  bbh_client_scrub_error (g_task_get_source_object (task), error);
  fail (task, error);
}

static gboolean
is_error_page (const char *content_type)
{
  return content_type != NULL
         && (g_str_equal (content_type, "application/json")
             || g_str_equal (content_type, "text/json")
             || g_str_equal (content_type, "text/html")
             || g_str_equal (content_type, "text/javascript")
             || g_str_equal (content_type, "application/javascript"));
}

static void
on_sent_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Download *d = g_task_get_task_data (task);
  GError *error = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  guint status;

  d->input = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (d->input == NULL)
    {
      fail (task, transport_error (error));
      return;
    }

  status = soup_message_get_status (d->message);
  headers = soup_message_get_response_headers (d->message);

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      fail (task, g_error_new (BBH_ERROR, BBH_ERROR_NOT_FOUND,
                               /* Translators: %u is the HTTP status, 404 */
                               _("The recording is not on the server (HTTP %u). It may not have been uploaded yet; try again later."),
                               status));
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      fail (task, g_error_new (BBH_ERROR, BBH_ERROR_HTTP,
                               /* Translators: %u is an HTTP status such as 502 */
                               _("The recording could not be downloaded: the server answered with HTTP error %u. Try again later."),
                               status));
      return;
    }

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (is_error_page (content_type))
    {
      g_input_stream_read_bytes_async (d->input, MAX_ERROR_BODY, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task), on_error_body_cb, task);
      return;
    }

  /* A compressed body's length says nothing about the bytes we will write. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    d->total = soup_message_headers_get_content_length (headers);

  start_writing (task);
}

/**
 * bbh_client_dup_recording_url:
 * @record_file: a call record's `cdrRecordFile`
 *
 * `{base}/voip/record/{cdrRecordFile}` (section 2.3): each path segment escaped; empty, `.`
 * and `..` segments dropped so that a file name cannot climb out of /voip/record/. A value
 * that is already an http(s) URL is returned as it is.
 *
 * Returns: (transfer full) (nullable): the URL, %NULL when @record_file names no file
 */
char *
bbh_client_dup_recording_url (BbhClient  *self,
                              const char *record_file)
{
  g_auto(GStrv) segments = NULL;
  GString *url;
  gboolean any = FALSE;

  g_return_val_if_fail (BBH_IS_CLIENT (self), NULL);

  if (record_file == NULL)
    return NULL;
  if (g_str_has_prefix (record_file, "http://") || g_str_has_prefix (record_file, "https://"))
    return g_strdup (record_file);

  url = g_string_new (bbh_client_get_base_url (self));
  g_string_append (url, "/voip/record");

  segments = g_strsplit_set (record_file, "/\\", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      g_autofree char *segment = g_strstrip (g_strdup (segments[i]));

      if (*segment == '\0' || g_str_equal (segment, ".") || g_str_equal (segment, ".."))
        continue;
      g_string_append_c (url, '/');
      g_string_append_uri_escaped (url, segment, NULL, FALSE);
      any = TRUE;
    }

  if (!any)
    {
      g_string_free (url, TRUE);
      return NULL;
    }
  return g_string_free (url, FALSE);
}

/**
 * bbh_client_dup_mp3_url:
 * @cdr_id: the call record's id
 *
 * `{base}/voip/api/client/download/record.json?id={cdrId}&ismp3=1` plus the base
 * authentication parameters.
 *
 * The result contains sa_password: never log it, show it or store it; pass it to
 * bbh_redact_uri() first if it must appear anywhere.
 *
 * Returns: (transfer full): the URL
 */
char *
bbh_client_dup_mp3_url (BbhClient *self,
                        gint64     cdr_id)
{
  g_autofree char *auth = NULL;

  g_return_val_if_fail (BBH_IS_CLIENT (self), NULL);

  auth = bbh_client_dup_auth_query (self);
  return g_strdup_printf ("%s/voip/api/client/download/record.json?id=%" G_GINT64_FORMAT "&ismp3=1&%s",
                          bbh_client_get_base_url (self), cdr_id, auth);
}

/**
 * bbh_client_download_async:
 * @url: what to download, such as bbh_client_dup_mp3_url()
 * @dest: the file to write; replaced only when the download is complete
 * @progress: (nullable) (scope notified): called with the bytes written so far and the total
 *   (-1 when the server does not say), first with 0
 * @progress_data: data for @progress
 * @progress_destroy: (nullable): frees @progress_data when the download is over
 *
 * Downloads through the client's session. On an error or a cancellation nothing is left
 * behind: the temporary file is removed before @callback runs, and an existing @dest is
 * untouched. HTTP 404 is %BBH_ERROR_NOT_FOUND; an error answer in JSON carries the server's
 * code (%BBH_ERROR_AUTH …).
 */
void
bbh_client_download_async (BbhClient           *self,
                           const char          *url,
                           GFile               *dest,
                           BbhProgressFunc      progress,
                           gpointer             progress_data,
                           GDestroyNotify       progress_destroy,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Download *d;

  g_return_if_fail (BBH_IS_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (G_IS_FILE (dest));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, bbh_client_download_async);
  g_task_set_name (task, "bbh_client_download_async");
  /* Report what happened: once the file is in place, a late cancel does not undo it. */
  g_task_set_check_cancellable (task, FALSE);

  d = g_new0 (Download, 1);
  d->dest = g_object_ref (dest);
  d->progress = progress;
  d->progress_data = progress_data;
  d->progress_destroy = progress_destroy;
  d->total = -1;
  g_task_set_task_data (task, d, download_free);

  d->message = soup_message_new (SOUP_METHOD_GET, url);
  if (d->message == NULL)
    {
      fail (task, g_error_new_literal (BBH_ERROR, BBH_ERROR_INVALID,
                                       _("The recording's address is not valid.")));
      return;
    }

  if (g_getenv ("BBH_DEBUG_DOWNLOAD") != NULL)
    {
      g_autofree char *redacted = bbh_redact_uri (url);

      g_debug ("downloading %s", redacted);
    }

  soup_session_send_async (bbh_client_get_session (self), d->message, G_PRIORITY_DEFAULT,
                           cancellable, on_sent_cb, task);
}

/**
 * bbh_client_download_finish:
 *
 * Returns: %TRUE when @dest holds the whole recording
 */
gboolean
bbh_client_download_finish (BbhClient     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (BBH_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == bbh_client_download_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
