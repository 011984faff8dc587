/* bbh-blacklist-entry.h — one number of the company's blacklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define BBH_TYPE_BLACKLIST_ENTRY (bbh_blacklist_entry_get_type ())

G_DECLARE_FINAL_TYPE (BbhBlacklistEntry, bbh_blacklist_entry, BBH, BLACKLIST_ENTRY, GObject)

const char         *bbh_blacklist_entry_get_phone        (BbhBlacklistEntry *self);
const char * const *bbh_blacklist_entry_get_member_names (BbhBlacklistEntry *self);
const char         *bbh_blacklist_entry_get_member       (BbhBlacklistEntry *self,
                                                          const char        *name);

G_END_DECLS
