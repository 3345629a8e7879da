# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The core: the module class, clients, retries, errors, pagination, waiters, regions, ARNs, versions, tags and input checks."""
