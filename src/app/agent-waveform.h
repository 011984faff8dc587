/* agent-waveform.h — the whole call's waveform, computed in the background and cached
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AGENT_WAVEFORM_PEAKS 1000

/* The computation, usable without the widget. */
char         *agent_waveform_dup_cache_path     (const char          *uri);
void          agent_waveform_compute_async      (const char          *uri,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GBytes       *agent_waveform_compute_finish     (GAsyncResult        *result,
                                                 GError             **error);

#define AGENT_TYPE_WAVEFORM (agent_waveform_get_type ())

G_DECLARE_FINAL_TYPE (AgentWaveform, agent_waveform, AGENT, WAVEFORM, GtkWidget)

GtkWidget    *agent_waveform_new                (void);
void          agent_waveform_set_uri            (AgentWaveform       *self,
                                                 const char          *uri);
GBytes       *agent_waveform_get_peaks          (AgentWaveform       *self);
void          agent_waveform_set_peaks          (AgentWaveform       *self,
                                                 GBytes              *peaks);
gboolean      agent_waveform_get_loading        (AgentWaveform       *self);
gint64        agent_waveform_get_position       (AgentWaveform       *self);
void          agent_waveform_set_position       (AgentWaveform       *self,
                                                 gint64               position_ms);
gint64        agent_waveform_get_duration       (AgentWaveform       *self);
void          agent_waveform_set_duration       (AgentWaveform       *self,
                                                 gint64               duration_ms);

G_END_DECLS
