/* bbh-channel-info.h — one row of systemChannels' channelviewinfo
 *
 * The document does not name the members of these rows, so every member is kept as text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_CHANNEL_INFO (bbh_channel_info_get_type ())

G_DECLARE_FINAL_TYPE (BbhChannelInfo, bbh_channel_info, BBH, CHANNEL_INFO, GObject)

const char * const *bbh_channel_info_get_member_names (BbhChannelInfo *self);
const char         *bbh_channel_info_get_member       (BbhChannelInfo *self,
                                                       const char     *name);

G_END_DECLS
