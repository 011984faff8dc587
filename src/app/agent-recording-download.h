/* agent-recording-download.h — one recording downloaded as MP3, with its progress
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "bbh.h"

G_BEGIN_DECLS

#define AGENT_TYPE_RECORDING_DOWNLOAD (agent_recording_download_get_type ())

G_DECLARE_FINAL_TYPE (AgentRecordingDownload, agent_recording_download, AGENT, RECORDING_DOWNLOAD, GObject)

AgentRecordingDownload *agent_recording_download_new          (BbhClient              *client,
                                                               gint64                  cdr_id,
                                                               GFile                  *dest);
void                    agent_recording_download_start        (AgentRecordingDownload *self);
void                    agent_recording_download_cancel       (AgentRecordingDownload *self);
GFile                  *agent_recording_download_get_dest     (AgentRecordingDownload *self);
gint64                  agent_recording_download_get_cdr_id   (AgentRecordingDownload *self);
double                  agent_recording_download_get_fraction (AgentRecordingDownload *self);
goffset                 agent_recording_download_get_received (AgentRecordingDownload *self);
goffset                 agent_recording_download_get_total    (AgentRecordingDownload *self);
gboolean                agent_recording_download_get_active   (AgentRecordingDownload *self);
char                   *agent_recording_download_dup_file_name (BbhCallRecord         *record);

G_END_DECLS
