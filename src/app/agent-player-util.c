/* agent-player-util.c — what AgentPlayer and AgentWaveform share: the audio sink and the
 * words for GStreamer's errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "agent-player"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "agent-player.h"
#include "agent-player-private.h"

/**
 * agent_player_describe_error:
 * @error: an error GStreamer posted while reading a recording
 * @debug: (nullable): its debug text
 *
 * Returns: (transfer full): what a person reads when a recording cannot be played
 */
char *
agent_player_describe_error (const GError *error,
                             const char   *debug)
{
  if (error->domain == GST_RESOURCE_ERROR)
    {
      switch (error->code)
        {
        case GST_RESOURCE_ERROR_NOT_FOUND:
          return g_strdup (_("The recording is missing on the server."));
        case GST_RESOURCE_ERROR_NOT_AUTHORIZED:
          return g_strdup (_("The server refused to hand out the recording. Log in again and retry."));
        case GST_RESOURCE_ERROR_OPEN_READ:
        case GST_RESOURCE_ERROR_OPEN_READ_WRITE:
        case GST_RESOURCE_ERROR_READ:
        case GST_RESOURCE_ERROR_SEEK:
          if (debug != NULL && strstr (debug, "404") != NULL)
            return g_strdup (_("The recording is missing on the server."));
          return g_strdup (_("The recording could not be fetched from the server. Check the connection and try again."));
        default:
          break;
        }
    }
  else if (error->domain == GST_STREAM_ERROR)
    {
      switch (error->code)
        {
        case GST_STREAM_ERROR_TYPE_NOT_FOUND:
        case GST_STREAM_ERROR_WRONG_TYPE:
        case GST_STREAM_ERROR_CODEC_NOT_FOUND:
        case GST_STREAM_ERROR_FORMAT:
        case GST_STREAM_ERROR_NOT_IMPLEMENTED:
          return g_strdup (_("The recording is in a format this computer cannot play."));
        case GST_STREAM_ERROR_DECODE:
        case GST_STREAM_ERROR_DEMUX:
          return g_strdup (_("The recording is damaged and cannot be played."));
        default:
          break;
        }
    }
  else if (error->domain == GST_CORE_ERROR && error->code == GST_CORE_ERROR_MISSING_PLUGIN)
    return g_strdup (_("The recording is in a format this computer cannot play: a GStreamer plug-in is missing."));

  return g_strdup_printf (_("The recording cannot be played (%s)."), error->message);
}

/**
 * agent_player_make_audio_sink:
 *
 * The sink BABAIHU_AUDIOSINK describes (a gst-launch description such as `fakesink`), made to
 * keep time like a sound card unless the description says otherwise.
 *
 * Returns: (transfer floating) (nullable): the sink, or %NULL for playbin's own choice
 */
GstElement *
agent_player_make_audio_sink (void)
{
  const char *description = g_getenv ("BABAIHU_AUDIOSINK");
  g_autoptr(GError) error = NULL;
  GstElement *sink;

  if (description == NULL || *description == '\0')
    return NULL;

  sink = gst_parse_bin_from_description_full (description, TRUE, NULL,
                                               GST_PARSE_FLAG_NONE, &error);
  if (sink == NULL)
    {
      g_warning ("BABAIHU_AUDIOSINK=%s does not work: %s", description, error->message);
      return NULL;
    }

  /* A fakesink would swallow the recording at once; make it keep time like a sound card. */
  if (strstr (description, "sync") == NULL)
    {
      GstIterator *iter = gst_bin_iterate_sinks (GST_BIN (sink));
      GValue item = G_VALUE_INIT;

      while (gst_iterator_next (iter, &item) == GST_ITERATOR_OK)
        {
          GObject *element = g_value_get_object (&item);

          if (g_object_class_find_property (G_OBJECT_GET_CLASS (element), "sync") != NULL)
            g_object_set (element, "sync", TRUE, NULL);
          g_value_reset (&item);
        }
      g_value_unset (&item);
      gst_iterator_free (iter);
    }

  return sink;
}
