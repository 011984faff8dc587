/* agent-recording-download.c — one recording downloaded as MP3, with its progress
 *
 * A thin owner of bbh_client_download_async() for the UI: it holds the cancellable, turns the
 * byte counts into `fraction` (−1 while the size is unknown) and says `finished` once, with
 * the error in words or %NULL. The file appears only when every byte arrived.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-recording-download"

#include "config.h"

#include <glib/gi18n.h>

#include "agent-recording-download.h"

struct _AgentRecordingDownload
{
  GObject       parent_instance;

  /* Owned */
  BbhClient    *client;
  GFile        *dest;
  GCancellable *cancellable;

  gint64        cdr_id;
  goffset       received;
  goffset       total;
  gboolean      active;
};

G_DEFINE_FINAL_TYPE (AgentRecordingDownload, agent_recording_download, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FRACTION,
  PROP_RECEIVED,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_progress_cb (goffset  received,
                goffset  total,
                gpointer user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(AgentRecordingDownload) self = g_weak_ref_get (ref);

  if (self == NULL)
    return;

  self->received = received;
  self->total = total;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECEIVED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
on_downloaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AgentRecordingDownload) self = user_data;
  g_autoptr(GError) error = NULL;

  bbh_client_download_finish (BBH_CLIENT (object), result, &error);

  self->active = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, error);
}

static void
agent_recording_download_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  AgentRecordingDownload *self = AGENT_RECORDING_DOWNLOAD (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, agent_recording_download_get_fraction (self));
      break;

    case PROP_RECEIVED:
      g_value_set_int64 (value, self->received);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
agent_recording_download_dispose (GObject *object)
{
  AgentRecordingDownload *self = AGENT_RECORDING_DOWNLOAD (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->client);
  g_clear_object (&self->dest);

  G_OBJECT_CLASS (agent_recording_download_parent_class)->dispose (object);
}

static void
agent_recording_download_class_init (AgentRecordingDownloadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = agent_recording_download_get_property;
  object_class->dispose = agent_recording_download_dispose;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECEIVED] =
    g_param_spec_int64 ("received", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AgentRecordingDownload::finished:
   * @error: (nullable): why it failed, or %NULL when the file is complete
   */
  signals[SIGNAL_FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
agent_recording_download_init (AgentRecordingDownload *self)
{
  self->total = -1;
}

/**
 * agent_recording_download_new:
 * @client: the logged-in client
 * @cdr_id: the call record's id
 * @dest: the file to write
 *
 * Returns: (transfer full): a download that has not started
 */
AgentRecordingDownload *
agent_recording_download_new (BbhClient *client,
                              gint64     cdr_id,
                              GFile     *dest)
{
  AgentRecordingDownload *self;

  g_return_val_if_fail (BBH_IS_CLIENT (client), NULL);
  g_return_val_if_fail (G_IS_FILE (dest), NULL);

  self = g_object_new (AGENT_TYPE_RECORDING_DOWNLOAD, NULL);
  self->client = g_object_ref (client);
  self->cdr_id = cdr_id;
  self->dest = g_object_ref (dest);
  return self;
}

/**
 * agent_recording_download_start:
 * @self: a #AgentRecordingDownload
 *
 * Downloads the MP3 (bbh_client_dup_mp3_url()); `finished` follows.
 */
void
agent_recording_download_start (AgentRecordingDownload *self)
{
  g_autofree char *url = NULL;
  GWeakRef *ref;

  g_return_if_fail (AGENT_IS_RECORDING_DOWNLOAD (self));
  g_return_if_fail (!self->active);

  url = bbh_client_dup_mp3_url (self->client, self->cdr_id);
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);

  self->active = TRUE;
  self->received = 0;
  self->total = -1;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);

  bbh_client_download_async (self->client, url, self->dest,
                             on_progress_cb, ref, weak_ref_free,
                             self->cancellable, on_downloaded_cb, g_object_ref (self));
}

/**
 * agent_recording_download_cancel:
 * @self: a #AgentRecordingDownload
 *
 * Stops it; no partial file stays. `finished` follows with a cancellation error.
 */
void
agent_recording_download_cancel (AgentRecordingDownload *self)
{
  g_return_if_fail (AGENT_IS_RECORDING_DOWNLOAD (self));

  g_cancellable_cancel (self->cancellable);
}

GFile *
agent_recording_download_get_dest (AgentRecordingDownload *self)
{
  g_return_val_if_fail (AGENT_IS_RECORDING_DOWNLOAD (self), NULL);

  return self->dest;
}

gint64
agent_recording_download_get_cdr_id (AgentRecordingDownload *self)
{
  g_return_val_if_fail (AGENT_IS_RECORDING_DOWNLOAD (self), 0);

  return self->cdr_id;
}

/**
 * agent_recording_download_get_fraction:
 * @self: a #AgentRecordingDownload
 *
 * Returns: how much arrived, 0 to 1, or -1 while the server has not said how much will come
 */
double
agent_recording_download_get_fraction (AgentRecordingDownload *self)
{
  g_return_val_if_fail (AGENT_IS_RECORDING_DOWNLOAD (self), 0);

  if (self->total <= 0)
    return self->received > 0 ? -1.0 : 0.0;
  return CLAMP ((double) self->received / self->total, 0.0, 1.0);
}

goffset
agent_recording_download_get_received (AgentRecordingDownload *self)
{
  g_return_val_if_fail (AGENT_IS_RECORDING_DOWNLOAD (self), 0);

  return self->received;
}

goffset
agent_recording_download_get_total (AgentRecordingDownload *self)
{
  g_return_val_if_fail (AGENT_IS_RECORDING_DOWNLOAD (self), -1);

  return self->total;
}

gboolean
agent_recording_download_get_active (AgentRecordingDownload *self)
{
  g_return_val_if_fail (AGENT_IS_RECORDING_DOWNLOAD (self), FALSE);

  return self->active;
}

/**
 * agent_recording_download_dup_file_name:
 * @record: a call record
 *
 * Returns: (transfer full): a file name for its MP3: time, number and id, e.g.
 *   `2024-03-05 14.03 13800138000 2819.mp3`
 */
char *
agent_recording_download_dup_file_name (BbhCallRecord *record)
{
  GDateTime *start = bbh_call_record_get_start_date_time (record);
  g_autofree char *when = start ? g_date_time_format (start, "%Y-%m-%d %H.%M") : NULL;
  const char *phone = bbh_call_record_get_phone (record);
  GString *name = g_string_new (NULL);

  if (when != NULL)
    g_string_append_printf (name, "%s ", when);
  if (phone != NULL && *phone != '\0')
    g_string_append_printf (name, "%s ", phone);
  g_string_append_printf (name, "%" G_GINT64_FORMAT ".mp3", bbh_call_record_get_id (record));

  /* Server text must not name a folder. */
  g_strdelimit (name->str, "/\\", '-');
  return g_string_free (name, FALSE);
}
